import type { CellValue, KeyValue } from '../plainbuffer/index.js';

/** One version of one cell. */
export interface Version {
  readonly ts: number;
  readonly value: CellValue;
}

/**
 * A stored row. Rows are never mutated after they are stored: a write builds a new row, so a
 * cloned index (for a snapshot) keeps a consistent picture while writes go on.
 */
export interface StoredRow {
  readonly key: readonly KeyValue[];
  /** Versions per column, newest first. */
  readonly columns: ReadonlyMap<string, readonly Version[]>;
}

/** The oldest timestamp still visible under a table's TTL, or -Infinity without one. */
export function ttlFloor(timeToLive: number, now: number): number {
  return timeToLive < 0 ? -Infinity : now - timeToLive * 1000;
}

/** The newest version of a column that the TTL still shows. */
export function latestVisible(row: StoredRow, column: string, floor: number): Version | undefined {
  const versions = row.columns.get(column);
  const newest = versions?.[0];
  return newest && newest.ts >= floor ? newest : undefined;
}

/** A row exists while it has no cells at all (a key-only row) or any cell the TTL still shows. */
export function isVisible(row: StoredRow, floor: number): boolean {
  if (row.columns.size === 0) return true;
  for (const versions of row.columns.values()) if (versions[0]!.ts >= floor) return true;
  return false;
}

export function valueSize(value: CellValue | KeyValue): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'boolean') return 1;
  return 8;
}

/** Bytes a row occupies as the service counts capacity: names plus values, 8 per timestamp. */
export function rowSize(row: StoredRow, keyNames: readonly string[]): number {
  let size = 0;
  row.key.forEach((value, index) => (size += keyNames[index]!.length + valueSize(value)));
  for (const [name, versions] of row.columns) for (const v of versions) size += name.length + valueSize(v.value) + 8;
  return size;
}

/** Capacity units: one per started 4 KB, at least one. */
export function capacityUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 4096));
}
