import { encodeCursor } from './cursor.js';
import type { CellValue } from './types/values.js';
import type { TableDefinition } from './types/table.js';
import type { PrimaryKeyValue } from './types/values.js';

export const MAX_BATCH_GET_ROWS = 100;
export const MAX_BATCH_WRITE_ROWS = 200;
/** BatchWriteRow takes at most 4 MiB; leave room for the envelope. */
export const MAX_BATCH_WRITE_BYTES = 3.5 * 1024 * 1024;
/** Chunks in flight at once per batch call. */
export const BATCH_CONCURRENCY = 4;

/** Splits items into chunks of at most `maxCount` items and (roughly) `maxBytes`. */
export function chunk<T>(items: readonly T[], maxCount: number, maxBytes = Infinity, sizeOf: (t: T) => number = () => 0): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Runs `fn` over items with at most `limit` running at once. */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A string that identifies a key (for duplicates). */
export function keyIdentity(table: TableDefinition, key: Record<string, unknown>): string {
  return encodeCursor(table.primaryKey.map((c) => key[c.name] as PrimaryKeyValue));
}

/** A rough wire size of some cells, to keep a BatchWriteRow under its byte limit. */
export function estimateBytes(cells: Readonly<Record<string, unknown>>): number {
  let size = 64;
  for (const [name, value] of Object.entries(cells)) {
    size += 24 + name.length + valueBytes(value as CellValue | null | undefined);
  }
  return size;
}

function valueBytes(value: CellValue | null | undefined): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Uint8Array) return value.byteLength;
  return 8;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
