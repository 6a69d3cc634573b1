import { InvalidParameterError } from './errors.js';
import { TableStore } from './sdk/sdk.js';
import { checkName, encodeCell } from './values.js';
import type { ColumnCondition, Comparator, RowExistence, WriteCondition } from './types/conditions.js';
import type { TableDefinition } from './types/table.js';

const COMPARATORS: Record<Comparator, number> = {
  '=': TableStore.ComparatorType.EQUAL,
  '!=': TableStore.ComparatorType.NOT_EQUAL,
  '>': TableStore.ComparatorType.GREATER_THAN,
  '>=': TableStore.ComparatorType.GREATER_EQUAL,
  '<': TableStore.ComparatorType.LESS_THAN,
  '<=': TableStore.ComparatorType.LESS_EQUAL,
};

const EXISTENCE: Record<RowExistence, number> = {
  ignore: TableStore.RowExistenceExpectation.IGNORE,
  exists: TableStore.RowExistenceExpectation.EXPECT_EXIST,
  'not-exists': TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST,
};

/** A write condition as the SDK's `Condition` (always one: the SDK throws without it). */
export function toSdkCondition(table: TableDefinition, condition: WriteCondition | undefined): TableStore.Condition {
  const row = condition?.row ?? 'ignore';
  const existence = EXISTENCE[row];
  if (existence === undefined)
    throw new InvalidParameterError(`row condition must be ignore | exists | not-exists, got '${String(row)}'`);
  const columns = condition?.columns ? toSdkColumnCondition(table, condition.columns) : null;
  return new TableStore.Condition(existence, columns);
}

/** A column condition or filter as the SDK's SingleColumnCondition / CompositeCondition tree. */
export function toSdkColumnCondition(table: TableDefinition, c: ColumnCondition): TableStore.ColumnCondition {
  if ('and' in c) return composite(table, TableStore.LogicalOperator.AND, c.and, 'and');
  if ('or' in c) return composite(table, TableStore.LogicalOperator.OR, c.or, 'or');
  if ('not' in c) {
    const node = new TableStore.CompositeCondition(TableStore.LogicalOperator.NOT);
    node.addSubCondition(toSdkColumnCondition(table, c.not));
    return node;
  }
  if (typeof c !== 'object' || c === null || typeof c.column !== 'string') {
    throw new InvalidParameterError('a column condition needs column, op and value (or and / or / not)');
  }
  checkName(c.column, 'condition column');
  const comparator = COMPARATORS[c.op];
  if (comparator === undefined) throw new InvalidParameterError(`unknown comparator '${String(c.op)}'`);
  if (c.value === undefined || c.value === null) throw new InvalidParameterError(`condition on '${c.column}' has no value`);
  const value = encodeCell(table, c.column, c.value);
  return new TableStore.SingleColumnCondition(c.column, value, comparator, c.passIfMissing ?? false, c.latestVersionOnly ?? true);
}

function composite(
  table: TableDefinition,
  op: number,
  parts: readonly ColumnCondition[],
  name: string,
): TableStore.ColumnCondition {
  if (!Array.isArray(parts) || parts.length === 0) throw new InvalidParameterError(`'${name}' needs at least one condition`);
  const [only] = parts;
  if (parts.length === 1 && only) return toSdkColumnCondition(table, only);
  const node = new TableStore.CompositeCondition(op);
  for (const part of parts) node.addSubCondition(toSdkColumnCondition(table, part));
  return node;
}

/** Every column a condition reads. */
export function conditionColumns(c: ColumnCondition | undefined): string[] {
  if (!c) return [];
  if ('and' in c) return c.and.flatMap(conditionColumns);
  if ('or' in c) return c.or.flatMap(conditionColumns);
  if ('not' in c) return conditionColumns(c.not);
  return [c.column];
}

/** Whether a write condition makes a replay fail instead of repeating the write. */
export function isConditional(condition: WriteCondition | undefined): boolean {
  return (condition?.row ?? 'ignore') !== 'ignore' || condition?.columns !== undefined;
}
