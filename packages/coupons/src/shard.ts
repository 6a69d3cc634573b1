import { createHash } from 'node:crypto';

/**
 * The leading key column of a coupon's row: the first 4 hex digits of the MD5 of the coupon id.
 * Coupon ids are time-ordered (ULIDs), so keyed by id alone a coupon grab would write every new
 * coupon into the table's last partition; the hash spreads them. Deterministic: a read by id
 * needs nothing else.
 *
 * @example
 * couponKey('cpn_01j9z3k5q8x7v2w4t6y8r0p2n4') // { shard: '3f2a', couponId: 'cpn_01j9...' }
 */
export function couponKey(couponId: string): { shard: string; couponId: string } {
  return { shard: createHash('md5').update(couponId).digest('hex').slice(0, 4), couponId };
}
