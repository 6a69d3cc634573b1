import type { KeyValue, ResponseRow } from '../plainbuffer/index.js';
import { invalidParameter } from './errors.js';
import type { EncodedKey } from './keys.js';
import { project, type ReadOptions } from './reads.js';
import { capacityUnits, isVisible, rowSize, ttlFloor } from './row.js';
import type { Table } from './table.js';

export const MAX_RANGE_ROWS = 5000;
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;

export interface RangeQuery extends ReadOptions {
  start: EncodedKey;
  end: EncodedKey;
  direction: 'forward' | 'backward';
  limit?: number;
}

export interface RangePage {
  rows: ResponseRow[];
  /** Where the next page starts; absent when the range is exhausted. */
  next?: { name: string; value: KeyValue }[];
  read: number;
}

/**
 * One page of a range read, [start, end) in the given direction. The page ends at `limit` rows
 * returned, at 5000 rows scanned (so a filtered page may be empty and still have a next key), or
 * before the row that would take it past 4 MB; `next` is the first row not yet scanned.
 */
export function readRange(table: Table, query: RangeQuery, now: number): RangePage {
  const forward = query.direction === 'forward';
  if (forward ? query.start >= query.end : query.start <= query.end) {
    throw invalidParameter(`Begin key must ${forward ? 'less' : 'more'} than end key in ${forward ? 'FORWARD' : 'BACKWARD'}`);
  }
  if (query.limit !== undefined && query.limit <= 0) throw invalidParameter('The limit must be greater than 0.');
  const floor = ttlFloor(table.schema.options.timeToLive, now);
  const keyNames = table.keyNames;
  const entries = forward ? table.rows.entries(query.start) : table.rows.entriesReversed(query.start);
  const rows: ResponseRow[] = [];
  let scanned = 0;
  let bytes = 0;
  let scannedBytes = 0;
  let next: RangePage['next'];
  for (const [key, row] of entries) {
    if (forward ? key >= query.end : key <= query.end) break;
    const full = (query.limit !== undefined && rows.length >= query.limit) || scanned >= MAX_RANGE_ROWS;
    if (full) {
      next = keyNames.map((name, index) => ({ name, value: row.key[index]! }));
      break;
    }
    if (!isVisible(row, floor)) continue;
    const size = rowSize(row, keyNames);
    const shaped = project(table, row, query, now);
    if (shaped && rows.length > 0 && bytes + size > MAX_RANGE_BYTES) {
      next = keyNames.map((name, index) => ({ name, value: row.key[index]! }));
      break;
    }
    scanned++;
    scannedBytes += size;
    if (shaped) {
      rows.push(shaped);
      bytes += size;
    }
  }
  return { rows, ...(next ? { next } : {}), read: capacityUnits(scannedBytes) };
}
