/** Int64 helpers and a comparable view of what the SDK returns. */
import {
  TableStore,
  type AttributeColumn,
  type CellValue,
  type Condition,
  type ColumnCondition,
  type Int64,
  type PrimaryKeyColumn,
  type Row,
} from './sdk.js';

/** An exact INTEGER value (plain JS numbers are written as DOUBLE). */
export function long(n: number | bigint | string): Int64 {
  return TableStore.Long.fromString(String(n));
}

export function isInt64(v: unknown): v is Int64 {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Buffer.isBuffer(v) &&
    typeof (v as Int64).toBuffer === 'function' &&
    typeof (v as Int64).toNumber === 'function'
  );
}

/** The exact value of an INTEGER cell; throws if the cell is not an INTEGER. */
export function big(v: unknown): bigint {
  if (!isInt64(v)) throw new Error(`expected an INTEGER (Int64) value, got ${describe(v)}`);
  return BigInt(v.toString(10));
}

/** Tagged value that keeps the wire type, so DOUBLE 5 and INTEGER 5 never compare equal. */
export type Tagged = { int: string } | { double: number } | { bool: boolean } | { str: string } | { bin: string };

export function tag(v: unknown): Tagged {
  if (typeof v === 'string') return { str: v };
  if (typeof v === 'number') return { double: v };
  if (typeof v === 'boolean') return { bool: v };
  if (Buffer.isBuffer(v)) return { bin: v.toString('hex') };
  if (isInt64(v)) return { int: v.toString(10) };
  throw new Error(`unexpected cell value ${describe(v)}`);
}

/** Tag an input value the way the SDK will write it. */
export const I = (n: number | bigint | string): Tagged => ({ int: String(n) });
export const D = (n: number): Tagged => ({ double: n });
export const S = (s: string): Tagged => ({ str: s });
export const B = (b: Buffer | number[]): Tagged => ({ bin: Buffer.from(b).toString('hex') });
export const BOOL = (b: boolean): Tagged => ({ bool: b });

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (Buffer.isBuffer(v)) return `Buffer(${v.toString('hex')})`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Primary key as { name: tagged value }, keeping order in the array form. */
export function pkList(pk: PrimaryKeyColumn[] | null | undefined): Array<[string, Tagged]> {
  return (pk ?? []).map((c) => [c.name, tag(c.value)]);
}

/** Newest value per attribute column (the SDK returns versions newest first). */
export function latest(row: Row | { attributes: AttributeColumn[] | null }): Record<string, Tagged> {
  const out: Record<string, Tagged> = {};
  for (const a of row.attributes ?? []) {
    if (!(a.columnName in out)) out[a.columnName] = tag(a.columnValue);
  }
  return out;
}

/** Every returned version of one column, in the order the server sent them. */
export function versionsOf(row: Row, column: string): Array<{ value: Tagged; ts: number }> {
  return (row.attributes ?? [])
    .filter((a) => a.columnName === column)
    .map((a) => ({ value: tag(a.columnValue), ts: Number(big(a.timestamp)) }));
}

/** Names of the attribute columns in the row, each once, in first-seen order. */
export function columnNames(row: Row | { attributes: AttributeColumn[] | null }): string[] {
  return [...new Set((row.attributes ?? []).map((a) => a.columnName))];
}

export function rowExists(row: Row): boolean {
  return (row.primaryKey?.length ?? 0) > 0;
}

/** Shortcuts for conditions. */
export const cond = {
  ignore: (cc?: ColumnCondition): Condition => new TableStore.Condition(TableStore.RowExistenceExpectation.IGNORE, cc ?? null),
  exist: (cc?: ColumnCondition): Condition =>
    new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_EXIST, cc ?? null),
  notExist: (cc?: ColumnCondition): Condition =>
    new TableStore.Condition(TableStore.RowExistenceExpectation.EXPECT_NOT_EXIST, cc ?? null),
};

export function single(
  column: string,
  comparator: keyof typeof TableStore.ComparatorType,
  value: CellValue,
  passIfMissing = true,
): ColumnCondition {
  return new TableStore.SingleColumnCondition(column, value, TableStore.ComparatorType[comparator], passIfMissing);
}

export function composite(op: keyof typeof TableStore.LogicalOperator, ...subs: ColumnCondition[]): ColumnCondition {
  const c = new TableStore.CompositeCondition(TableStore.LogicalOperator[op]);
  for (const s of subs) c.addSubCondition(s);
  return c;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  });
  await Promise.all(workers);
  return results;
}
