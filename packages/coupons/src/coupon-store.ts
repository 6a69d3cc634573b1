import { isId } from '@retail/core';
import { ConditionFailedError } from '@retail/tablestore';
import { isAmbiguous } from './deps.js';
import { parseCouponRow, type CouponRecord } from './records.js';
import { couponKey } from './shard.js';
import type { CouponsTables } from './tables.js';

// The coupons table (coupons and the tombstones of abandoned claims) and the member index.

/** A coupon, the tombstone of an abandoned claim (`'void'`), or nothing. */
export async function readCoupon(tables: CouponsTables, couponId: string): Promise<CouponRecord | 'void' | undefined> {
  if (typeof couponId !== 'string' || !isId('cpn', couponId)) return undefined;
  const row = await tables.coupons.get(couponKey(couponId));
  return row ? parseCouponRow(row) : undefined;
}

/**
 * Writes a claimed coupon (EXPECT_NOT_EXIST) and returns the coupon that stands under its id: this
 * one, or one an earlier attempt of the same request wrote first (ids from Idempotency-Keys,
 * decision 0011), which may name another slot or unit shard. `'voided'`: a repair declared the id
 * abandoned while the claim was slow; nothing was written.
 */
export async function insertCoupon(tables: CouponsTables, record: CouponRecord): Promise<CouponRecord | 'voided'> {
  const { id, rule, lockedBy: _l, usedBy: _u, unitShard, ...rest } = record;
  const unit = unitShard === undefined ? {} : { unitShard };
  try {
    await tables.coupons.put({ ...couponKey(id), ...rest, ...rule, ...unit }, { condition: { row: 'not-exists' } });
    return record;
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    // Refused, or unknown whether our put landed: the row says which coupon stands, or that the id is void.
    const found = await readCoupon(tables, id);
    if (found === 'void') return 'voided';
    if (found) return found;
    throw error;
  }
}

/**
 * Declares a coupon id abandoned with a tombstone (EXPECT_NOT_EXIST), so the claim that owns it can
 * never write its coupon afterwards and its unit and slot can be given back safely. `'coupon'`:
 * too late, the coupon is there (the claim finished after all).
 */
export async function voidCouponId(tables: CouponsTables, couponId: string, now: number): Promise<'voided' | 'coupon'> {
  try {
    await tables.coupons.put({ ...couponKey(couponId), status: 'void', voidedAt: now }, { condition: { row: 'not-exists' } });
    return 'voided';
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    const found = await readCoupon(tables, couponId);
    if (found === 'void') return 'voided';
    if (found) return 'coupon';
    throw error;
  }
}

/** Adds a coupon to its member's list: a put of fixed content, so repairs may repeat it. */
export async function indexCoupon(tables: CouponsTables, memberId: string, couponId: string, campaignId: string): Promise<void> {
  await tables.memberCoupons.put({ memberId, couponId, campaignId }, { condition: { row: 'ignore' } });
}

/** Removes an abandoned claim's entry from its member's list (absent is fine). */
export async function unindexCoupon(tables: CouponsTables, memberId: string, couponId: string): Promise<void> {
  await tables.memberCoupons.delete({ memberId, couponId }, { condition: { row: 'ignore' } });
}
