import { INF_MAX, INF_MIN, type KeyBoundValue } from './keys.js';
import type { PrimaryKeyType } from './types/table.js';

/**
 * Tablestore's order of key values: INF_MIN < everything < INF_MAX; integers as signed 64-bit,
 * strings by their UTF-8 bytes, binaries bytewise.
 */
export function compareKeyValue(a: KeyBoundValue, b: KeyBoundValue, type: PrimaryKeyType): number {
  if (a === b) return 0;
  if (a === INF_MIN || b === INF_MAX) return -1;
  if (a === INF_MAX || b === INF_MIN) return 1;
  if (type === 'integer') {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = typeof a === 'string' ? Buffer.from(a) : Buffer.from(a as Uint8Array);
  const y = typeof b === 'string' ? Buffer.from(b) : Buffer.from(b as Uint8Array);
  return Buffer.compare(x, y);
}

/** Compares two whole keys column by column. */
export function compareKeys(a: readonly KeyBoundValue[], b: readonly KeyBoundValue[], types: readonly PrimaryKeyType[]): number {
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    const x = a[i];
    const y = b[i];
    if (type === undefined || x === undefined || y === undefined) break;
    const c = compareKeyValue(x, y, type);
    if (c !== 0) return c;
  }
  return 0;
}
