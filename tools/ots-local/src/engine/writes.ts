import { AUTO_INCREMENT, type KeyCell, type RequestCell, type ResponseRow } from '../plainbuffer/index.js';
import { conditionCheckFailed, invalidParameter } from './errors.js';
import { checkColumnName } from './schema.js';
import { matches, type ColumnFilter } from './filter.js';
import { checkKeyForPut, encodeRowKey, type EncodedKey } from './keys.js';
import { capacityUnits, isVisible, rowSize, ttlFloor, valueSize, type StoredRow, type Version } from './row.js';
import type { TableSchema } from './schema.js';
import type { Table } from './table.js';

export type RowExistence = 'ignore' | 'expect-exist' | 'expect-not-exist';

export interface Condition {
  rowExistence: RowExistence;
  columnCondition?: ColumnFilter;
}

export interface ReturnContent {
  type: 'none' | 'primary-key' | 'after-modify';
  columns: readonly string[];
}

export interface WriteCommand {
  kind: 'put' | 'update' | 'delete';
  primaryKey: KeyCell[];
  cells: RequestCell[];
  condition: Condition;
  returnContent: ReturnContent;
}

export interface WriteOutcome {
  key: EncodedKey;
  /** The row after the write; null when the write removes it (or leaves nothing). */
  row: StoredRow | null;
  /** False when nothing changes (deleting a missing row): no journal record is needed. */
  changed: boolean;
  returned: ResponseRow | null;
  read: number;
  write: number;
}

const MAX_COLUMNS = 1024;
const MAX_VALUE_BYTES = 2 * 1024 * 1024;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Works out one row write: checks it, checks its condition against the current row, and builds the
 * new row. It changes nothing; the caller applies the outcome in the same tick, which is what
 * makes the condition and the write one atomic step.
 */
export function planWrite(table: Table, command: WriteCommand, now: number): WriteOutcome {
  const schema = table.schema;
  if (command.kind === 'update' && !schema.options.allowUpdate) {
    throw invalidParameter(`Table '${schema.name}' does not allow UpdateRow (allow_update is false).`);
  }
  if (command.kind === 'update' && command.cells.length === 0) throw invalidParameter('Attribute column is missing.');
  const autoIncrement = command.primaryKey.some((cell) => cell.value === AUTO_INCREMENT);
  if (autoIncrement && command.condition.rowExistence === 'expect-not-exist') {
    throw invalidParameter('Invalid expect: EXPECT_NOT_EXIST when modify row with pk auto increment.');
  }
  const primaryKey = resolveKey(table, command, now);
  const key = encodeRowKey(schema, primaryKey);
  checkCells(schema, command, now);
  const floor = ttlFloor(schema.options.timeToLive, now);
  const stored = table.rows.get(key);
  const current = stored && isVisible(stored, floor) ? stored : undefined;
  checkCondition(command.condition, current, floor);
  const keyValues = primaryKey.map((cell) => cell.value) as StoredRow['key'];
  let row: StoredRow | null;
  if (command.kind === 'delete') row = null;
  else if (command.kind === 'put') row = { key: keyValues, columns: putColumns(command.cells, schema, now) };
  else row = updateRow(keyValues, current, command.cells, schema, floor, now);
  const changed = row !== null || stored !== undefined;
  const read = command.condition.rowExistence !== 'ignore' || command.condition.columnCondition ? 1 : 0;
  const written = row ? rowSize(row, table.keyNames) : 0;
  return { key, row, changed, returned: returned(primaryKey, row, command.returnContent), read, write: capacityUnits(written) };
}

function resolveKey(table: Table, command: WriteCommand, now: number): KeyCell[] {
  if (command.kind !== 'put') return command.primaryKey;
  checkKeyForPut(table.schema, command.primaryKey);
  return command.primaryKey.map((cell) =>
    cell.value === AUTO_INCREMENT ? { name: cell.name, value: table.nextAutoIncrement(now) } : cell,
  );
}

function checkCells(schema: TableSchema, command: WriteCommand, now: number): void {
  if (command.cells.length > MAX_COLUMNS) {
    throw invalidParameter(
      `The number of attribute columns exceeds the limit, limit count: ${MAX_COLUMNS}, column count: ${command.cells.length}.`,
    );
  }
  const keyNames = new Set(schema.primaryKey.map((column) => column.name));
  const deviation = schema.options.deviationCellVersionInSec * 1000;
  for (const cell of command.cells) {
    checkColumnName(cell.name);
    if (typeof cell.value === 'number' && !Number.isFinite(cell.value)) {
      throw invalidParameter(`${Number.isNaN(cell.value) ? 'NaN' : 'Infinity'} can't be set to double value.`);
    }
    if (keyNames.has(cell.name)) throw invalidParameter(`The attribute column '${cell.name}' is a primary key column.`);
    if (cell.value !== undefined && valueSize(cell.value) > MAX_VALUE_BYTES) {
      throw invalidParameter(
        `The length of attribute column: '${cell.name}' exceeds the MaxLength:${MAX_VALUE_BYTES} with CurrentLength:${valueSize(cell.value)}.`,
      );
    }
    if (command.kind === 'put' && cell.op !== undefined) throw invalidParameter('PutRow cells can not carry an operation.');
    if (cell.op === undefined && cell.value === undefined) throw invalidParameter(`Column '${cell.name}' has no value.`);
    if (cell.timestamp !== undefined && cell.op !== 'delete-one' && Math.abs(cell.timestamp - now) > deviation) {
      throw invalidParameter(
        `The timestamp of column '${cell.name}' is out of the allowed range: it deviates from now by more than ${schema.options.deviationCellVersionInSec} seconds.`,
      );
    }
  }
  if (command.kind === 'update') {
    const incremented = new Set(command.cells.filter((cell) => cell.op === 'increment').map((cell) => cell.name));
    const names = command.cells.map((cell) => cell.name);
    for (const name of incremented) {
      if (names.filter((other) => other === name).length > 1) {
        throw invalidParameter(`Column '${name}' can not be incremented and changed in the same request.`);
      }
    }
  }
}

function checkCondition(condition: Condition, current: StoredRow | undefined, floor: number): void {
  if (condition.rowExistence === 'expect-exist' && !current) throw conditionCheckFailed();
  if (condition.rowExistence === 'expect-not-exist' && current) throw conditionCheckFailed();
  if (!condition.columnCondition) return;
  const read = (column: string): readonly Version[] | undefined =>
    current?.columns.get(column)?.filter((version) => version.ts >= floor);
  if (!matches(condition.columnCondition, read)) throw conditionCheckFailed();
}

function putColumns(cells: RequestCell[], schema: TableSchema, now: number): Map<string, Version[]> {
  const columns = new Map<string, Version[]>();
  for (const cell of cells) addVersion(columns, cell.name, { ts: cell.timestamp ?? now, value: cell.value! }, schema);
  return columns;
}

function updateRow(
  key: StoredRow['key'],
  current: StoredRow | undefined,
  cells: RequestCell[],
  schema: TableSchema,
  floor: number,
  now: number,
): StoredRow | null {
  const columns = new Map<string, Version[]>();
  if (current) for (const [name, versions] of current.columns) columns.set(name, versions as Version[]);
  for (const cell of cells) {
    if (cell.op === 'delete-all') columns.delete(cell.name);
    else if (cell.op === 'delete-one') deleteVersion(columns, cell);
    else if (cell.op === 'increment')
      addVersion(columns, cell.name, { ts: now, value: incremented(columns, cell, floor) }, schema);
    else addVersion(columns, cell.name, { ts: cell.timestamp ?? now, value: cell.value! }, schema);
  }
  const onlyDeletes = cells.every((cell) => cell.op === 'delete-all' || cell.op === 'delete-one');
  if (!current && onlyDeletes) return null;
  return { key, columns };
}

function incremented(columns: Map<string, Version[]>, cell: RequestCell, floor: number): bigint {
  if (typeof cell.value !== 'bigint') throw invalidParameter(`The increment value of column '${cell.name}' must be an integer.`);
  const latest = columns.get(cell.name)?.[0];
  const base = latest && latest.ts >= floor ? latest.value : 0n;
  if (typeof base !== 'bigint') throw invalidParameter(`The type of column '${cell.name}' to increment is not integer.`);
  const sum = base + cell.value;
  if (sum < INT64_MIN || sum > INT64_MAX) throw invalidParameter(`Increment of column '${cell.name}' overflows int64.`);
  return sum;
}

function deleteVersion(columns: Map<string, Version[]>, cell: RequestCell): void {
  if (cell.timestamp === undefined) throw invalidParameter(`Deleting one version of '${cell.name}' needs its timestamp.`);
  const versions = columns.get(cell.name);
  if (!versions) return;
  const kept = versions.filter((version) => version.ts !== cell.timestamp);
  if (kept.length > 0) columns.set(cell.name, kept);
  else columns.delete(cell.name);
}

/** Adds a version, replacing one with the same timestamp, newest first, capped at max versions. */
function addVersion(columns: Map<string, Version[]>, name: string, version: Version, schema: TableSchema): void {
  const versions = (columns.get(name) ?? []).filter((existing) => existing.ts !== version.ts);
  versions.push(version);
  versions.sort((a, b) => b.ts - a.ts);
  columns.set(name, versions.slice(0, schema.options.maxVersions));
}

function returned(primaryKey: KeyCell[], row: StoredRow | null, content: ReturnContent): ResponseRow | null {
  if (content.type === 'none') return null;
  const key = primaryKey.map((cell) => ({ name: cell.name, value: cell.value })) as ResponseRow['primaryKey'];
  if (content.type === 'primary-key' || !row) return { primaryKey: key, cells: [] };
  const cells = content.columns.flatMap((name) => {
    const latest = row.columns.get(name)?.[0];
    return latest ? [{ name, value: latest.value, timestamp: latest.ts }] : [];
  });
  return { primaryKey: key, cells };
}
