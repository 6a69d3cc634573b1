import { ConflictError, NotFoundError, isId } from '@retail/core';
import { ConditionFailedError, type ColumnCondition } from '@retail/tablestore';
import { checkLock, checkOrderId } from './checks.js';
import { readCoupon } from './coupon-store.js';
import { isAmbiguous, type CouponDeps } from './deps.js';
import { effectiveStatus, type CouponRecord } from './records.js';
import { discountFor } from './rules.js';
import { couponKey } from './shard.js';
import type { CouponLock, LockForOrderInput } from './types/coupon.js';

// A coupon's life with an order: available -> locked (order created) -> used (order paid), or back
// to available (order cancelled or expired). Each move is one conditional UpdateRow of the coupon
// row whose condition names the order, so every call is idempotent for the same order id and two
// orders can never both hold one coupon.

function is(column: string, value: string | number, op: '=' | '>' = '='): ColumnCondition {
  return { column, op, value };
}

function notApplicable(why: string): ConflictError {
  return new ConflictError('coupon-not-applicable', `The coupon cannot be applied to this order: ${why}.`);
}

/** Why this coupon cannot go on this order, or undefined when it can. */
function refusal(coupon: CouponRecord, input: LockForOrderInput, now: number): string | undefined {
  if (coupon.memberId !== input.memberId) return "it is not the member's";
  const status = effectiveStatus(coupon, now);
  if (status !== 'available') return `it is ${status}`;
  if (input.subtotal < coupon.rule.minSpend) return `the subtotal is below its minimum spend of ${coupon.rule.minSpend} fen`;
  return undefined;
}

async function load(deps: CouponDeps, couponId: string): Promise<CouponRecord> {
  const found = await readCoupon(deps.tables, couponId);
  if (!found || found === 'void') throw new NotFoundError('coupon', couponId);
  return found;
}

export async function lockForOrder(deps: CouponDeps, couponId: string, input: LockForOrderInput): Promise<CouponLock> {
  checkLock(input);
  const now = input.now ?? deps.clock.now();
  const coupon = await load(deps, couponId);
  const answer = { couponId, discount: discountFor(coupon.rule, input.subtotal) };
  const lockedByUs = (c: CouponRecord) => c.memberId === input.memberId && c.status === 'locked' && c.lockedBy === input.orderId;
  if (lockedByUs(coupon)) return answer; // a retried order creation
  const why = refusal(coupon, input, now);
  if (why) throw notApplicable(why);
  const guard = { and: [is('status', 'available'), is('memberId', input.memberId), is('expiresAt', now, '>')] };
  try {
    await deps.tables.coupons.update(
      couponKey(couponId),
      { set: { status: 'locked', lockedBy: input.orderId, lockedAt: now } },
      { condition: { row: 'exists', columns: guard } },
    );
    return answer;
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    const after = await load(deps, couponId);
    if (lockedByUs(after)) return answer;
    if (error instanceof ConditionFailedError) throw notApplicable(refusal(after, input, now) ?? 'another order took it');
    throw error;
  }
}

export async function releaseFromOrder(deps: CouponDeps, couponId: string, orderId: string): Promise<boolean> {
  checkOrderId(orderId);
  if (!isId('cpn', couponId)) return false;
  try {
    await deps.tables.coupons.update(
      couponKey(couponId),
      { set: { status: 'available' }, remove: ['lockedBy', 'lockedAt'] },
      { condition: { row: 'exists', columns: { and: [is('status', 'locked'), is('lockedBy', orderId)] } } },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false; // not locked by this order (released before, used, another's)
    if (!isAmbiguous(error)) throw error;
    const after = await load(deps, couponId);
    if (after.status === 'locked' && after.lockedBy === orderId) throw error;
    return true;
  }
}

export async function useForOrder(deps: CouponDeps, couponId: string, orderId: string): Promise<void> {
  checkOrderId(orderId);
  if (!isId('cpn', couponId)) throw new NotFoundError('coupon', couponId);
  const now = deps.clock.now();
  try {
    await deps.tables.coupons.update(
      couponKey(couponId),
      { set: { status: 'used', usedBy: orderId, usedAt: now } },
      { condition: { row: 'exists', columns: { and: [is('status', 'locked'), is('lockedBy', orderId)] } } },
    );
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    const after = await load(deps, couponId);
    if (after.status === 'used' && after.usedBy === orderId) return; // a retried payment
    if (isAmbiguous(error) && after.status === 'locked' && after.lockedBy === orderId) throw error;
    throw new ConflictError('coupon-not-locked', `The coupon is not locked by order ${orderId} (it is ${after.status}).`);
  }
}
