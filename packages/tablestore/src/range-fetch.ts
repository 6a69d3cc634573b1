import type { TablestoreClient } from './client.js';
import { conditionColumns, toSdkColumnCondition } from './conditions.js';
import { TablestoreError } from './errors.js';
import { compareKeys } from './key-order.js';
import { boundToSdk, type ResolvedRange } from './range-bounds.js';
import { columnsToRead, decodeRow } from './rows.js';
import { runRead } from './run.js';
import { decodeValue } from './values.js';
import type { KeyBoundValue } from './keys.js';
import type { ColumnCondition } from './types/conditions.js';
import type { TableDefinition } from './types/table.js';
import type { PrimaryKeyValue, Row } from './types/values.js';

export const MAX_ROWS_PER_REQUEST = 5000;

export interface RangeQuery {
  readonly table: TableDefinition;
  readonly range: ResolvedRange;
  readonly filter: ColumnCondition | undefined;
  readonly columns: readonly string[] | undefined;
}

export interface RangeChunk {
  readonly rows: Row[];
  /** Where the next request starts; undefined when the range is done. */
  readonly next: PrimaryKeyValue[] | undefined;
}

/** One GetRange request from `from` (a whole key) to the range's end. */
export async function fetchRange(
  client: TablestoreClient,
  q: RangeQuery,
  from: readonly KeyBoundValue[],
  limit: number | undefined,
): Promise<RangeChunk> {
  const { table, range } = q;
  const { columnsToGet, strip } = columnsToRead(table, q.columns, conditionColumns(q.filter));
  const params = {
    tableName: table.name,
    direction: range.forward ? 'FORWARD' : 'BACKWARD',
    inclusiveStartPrimaryKey: boundToSdk(table, from),
    exclusiveEndPrimaryKey: boundToSdk(table, range.end),
    maxVersions: 1,
    ...(limit ? { limit: Math.min(limit, MAX_ROWS_PER_REQUEST) } : {}),
    ...(columnsToGet ? { columnsToGet } : {}),
    ...(q.filter ? { columnFilter: toSdkColumnCondition(table, q.filter) } : {}),
  };
  const res = await runRead(client, { operation: 'GetRange', table: table.name }, (sdk) => sdk.getRange(params));
  const rows: Row[] = [];
  for (const r of res.rows ?? []) {
    const row = decodeRow(r);
    if (row) rows.push(strip(row));
  }
  const cells = res.nextStartPrimaryKey;
  if (!cells || cells.length === 0) return { rows, next: undefined };
  const byName = new Map(cells.map((c) => [c.name, decodeValue(c.value)]));
  const next = table.primaryKey.map((col) => byName.get(col.name) as PrimaryKeyValue | undefined);
  const types = table.primaryKey.map((c) => c.type);
  const progressed = compareKeys(next as KeyBoundValue[], from, types) * (range.forward ? 1 : -1) > 0;
  if (next.some((v) => v === undefined) || !progressed) {
    throw new TablestoreError(
      'UNKNOWN',
      `GetRange ${table.name}: the service returned a next start key that does not move forward`,
      {
        operation: 'GetRange',
        table: table.name,
      },
    );
  }
  return { rows, next: next as PrimaryKeyValue[] };
}
