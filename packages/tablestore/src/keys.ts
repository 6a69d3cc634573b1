import { InvalidParameterError } from './errors.js';
import { toSdkInt64 } from './int64.js';
import { TableStore, type SdkPkCell, type SdkPrimaryKey } from './sdk/sdk.js';
import { decodeValue, toBuffer } from './values.js';
import type { PrimaryKeyColumn, TableDefinition } from './types/table.js';
import type { PrimaryKeyValue, Row } from './types/values.js';

/** The lowest value of a key column, for range bounds. */
export const INF_MIN: unique symbol = Symbol('INF_MIN');
/** The highest value of a key column, for range bounds. */
export const INF_MAX: unique symbol = Symbol('INF_MAX');
export type KeyBoundValue = PrimaryKeyValue | typeof INF_MIN | typeof INF_MAX;

const MAX_PK_BYTES = 1024;

/** One key value as the SDK must receive it; `auto` sends PK_AUTO_INCR for an omitted auto-increment column. */
export function encodeKeyValue(table: TableDefinition, col: PrimaryKeyColumn, value: unknown, auto = false): unknown {
  const where = `${table.name}.${col.name}`;
  if (value === INF_MIN) return TableStore.INF_MIN;
  if (value === INF_MAX) return TableStore.INF_MAX;
  if (value === undefined && auto && col.autoIncrement) return TableStore.PK_AUTO_INCR;
  if (value === undefined || value === null) throw new InvalidParameterError(`${where}: primary key column is missing`);
  if (col.type === 'integer' && (typeof value === 'number' || typeof value === 'bigint')) {
    return toSdkInt64(value, where);
  }
  if (col.type === 'string' && typeof value === 'string') {
    if (Buffer.byteLength(value) > MAX_PK_BYTES) throw new InvalidParameterError(`${where}: longer than ${MAX_PK_BYTES} bytes`);
    return value;
  }
  if (col.type === 'binary' && value instanceof Uint8Array) {
    if (value.byteLength > MAX_PK_BYTES) throw new InvalidParameterError(`${where}: longer than ${MAX_PK_BYTES} bytes`);
    return toBuffer(value);
  }
  throw new InvalidParameterError(`${where}: expected a ${col.type} key value, got ${typeof value}`);
}

/** The SDK's primary-key array, in definition order, from a key or a whole row. */
export function encodeKey(table: TableDefinition, key: Record<string, unknown>, auto = false): SdkPrimaryKey {
  return table.primaryKey.map((col) => ({ [col.name]: encodeKeyValue(table, col, key[col.name], auto) }));
}

/** Rejects objects that name columns the table's key does not have (catches typos in keys). */
export function checkKeyShape(table: TableDefinition, key: Record<string, unknown>): void {
  for (const name of Object.keys(key)) {
    if (!table.primaryKey.some((c) => c.name === name)) {
      throw new InvalidParameterError(`${table.name}: '${name}' is not a primary key column`);
    }
  }
}

/** The SDK's decoded key cells as a plain object. */
export function decodeKey(cells: readonly SdkPkCell[]): Row {
  const out: Row = {};
  for (const cell of cells) out[cell.name] = decodeValue(cell.value);
  return out;
}

/** The SDK's decoded key cells as an SDK primary-key array (to send back as a range start). */
export function keyCellsToSdk(cells: readonly SdkPkCell[]): SdkPrimaryKey {
  return cells.map((cell) => ({ [cell.name]: cell.value }));
}
