import { isId } from '@retail/core';
import { isSku } from './sku.js';

// Page cursors: where the next page starts (inclusive), opaque to callers. Each list has its own
// kind, so a cursor from another list is refused rather than misread.

/** Where a nearby search continues: the next store's exact distance, then its id. */
export interface NearPosition {
  readonly distanceKm: number;
  readonly storeId: string;
}

const encode = (payload: unknown): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

function decode(cursor: unknown): unknown {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** A listing cursor: the id of the store the next page starts with. */
export const encodeStoreCursor = (storeId: string): string => encode({ k: 's', id: storeId });

/** The store id in a listing cursor, or null when it is not one. */
export function decodeStoreCursor(cursor: unknown): string | null {
  const value = decode(cursor) as { k?: unknown; id?: unknown } | null;
  if (value?.k !== 's' || typeof value.id !== 'string' || !isId('sto', value.id)) return null;
  return encodeStoreCursor(value.id) === cursor ? value.id : null;
}

/** A nearby-search cursor. */
export const encodeNearCursor = (at: NearPosition): string => encode({ k: 'n', d: at.distanceKm, id: at.storeId });

export function decodeNearCursor(cursor: unknown): NearPosition | null {
  const value = decode(cursor) as { k?: unknown; d?: unknown; id?: unknown } | null;
  if (value?.k !== 'n' || typeof value.d !== 'number' || !(value.d >= 0) || typeof value.id !== 'string') return null;
  if (!isId('sto', value.id)) return null;
  const at = { distanceKm: value.d, storeId: value.id };
  return encodeNearCursor(at) === cursor ? at : null;
}

/** An inventory cursor: the sku the next page starts with. */
export const encodeSkuCursor = (sku: string): string => encode({ k: 'i', sku });

export function decodeSkuCursor(cursor: unknown): string | null {
  const value = decode(cursor) as { k?: unknown; sku?: unknown } | null;
  if (value?.k !== 'i' || typeof value.sku !== 'string' || !isSku(value.sku)) return null;
  return encodeSkuCursor(value.sku) === cursor ? value.sku : null;
}
