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
 * Writes a claimed coupon (EXPECT_NOT_EXIST: the id is new, so only a tombstone can be there).
 * `'voided'`: a repair declared this claim abandoned while it was slow; nothing was written.
 */
export async function insertCoupon(tables: CouponsTables, record: CouponRecord): Promise<'written' | 'voided'> {
  const { id, rule, lockedBy: _l, usedBy: _u, ...rest } = record;
  try {
    await tables.coupons.put({ ...couponKey(id), ...rest, ...rule }, { condition: { row: 'not-exists' } });
    return 'written';
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    // Refused, or unknown whether our put landed: the row says which (only this claim writes a coupon here).
    const found = await readCoupon(tables, id);
    if (found === 'void') return 'voided';
    if (found) return 'written';
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
