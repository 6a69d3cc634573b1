import { NotFoundError } from '@retail/core';
import { readCoupon } from './coupon-store.js';
import type { CouponDeps } from './deps.js';
import { toCoupon } from './records.js';
import type { Coupon } from './types/coupon.js';

/** The coupon with this id, or NotFoundError (also for a malformed id or an abandoned claim's tombstone). */
export async function getCoupon(deps: CouponDeps, couponId: string): Promise<Coupon> {
  const found = await readCoupon(deps.tables, couponId);
  if (!found || found === 'void') throw new NotFoundError('coupon', couponId);
  return toCoupon(found, deps.clock.now());
}
