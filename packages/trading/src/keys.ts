import { createHash } from 'node:crypto';

/** Buckets of the deadline table: due rows are read bucket by bucket, new rows spread over them. */
export const DEADLINE_BUCKETS = 8;

function digest(id: string): Buffer {
  return createHash('md5').update(id).digest();
}

/**
 * The key of an order's row: a 4-hex-digit hash prefix spreads time-ordered ids over partitions.
 *
 * @example
 * await tables.orders.get(orderKey('ord_01j9...'));
 */
export function orderKey(orderId: string): { shard: string; orderId: string } {
  return { shard: digest(orderId).toString('hex').slice(0, 4), orderId };
}

/** The key of an order's deadline row. */
export function deadlineKey(orderId: string, dueAt: number): { bucket: number; dueAt: number; orderId: string } {
  return { bucket: (digest(orderId)[0] as number) % DEADLINE_BUCKETS, dueAt, orderId };
}
