import { NotFoundError } from '@retail/core';
import { INF_MAX, type RangeOptions } from '@retail/tablestore';
import { checkListCoupons, encodeCouponCursor } from './checks.js';
import { membersOf, type CouponDeps } from './deps.js';
import { parseCouponRow, toCoupon } from './records.js';
import { couponKey } from './shard.js';
import type { Coupon, CouponPage, ListCouponsInput } from './types/coupon.js';

/** Coupon rows read per BatchGetRow while filling a page (the service's batch limit is 100). */
const BATCH = 100;

/**
 * A page of the member's coupons, newest first, optionally only those with one effective status:
 * the member index in key order (backward), each batch of ids read from the coupons table. The
 * page asks for one coupon more than `limit`, so `nextCursor` is null exactly when none is left.
 */
export async function listCoupons(deps: CouponDeps, input: ListCouponsInput): Promise<CouponPage> {
  const { limit, after } = checkListCoupons(input);
  if (!(await membersOf(deps).exists(input.memberId))) throw new NotFoundError('member', input.memberId);
  const now = deps.clock.now();
  const items: Coupon[] = [];
  let batch: string[] = [];
  const flush = async () => {
    const rows = await deps.tables.coupons.batchGet(batch.map(couponKey));
    batch = [];
    for (const result of rows) {
      if (!result.ok) throw result.error;
      const record = result.row ? parseCouponRow(result.row) : undefined;
      if (!record || record === 'void') continue; // an index row whose claim was abandoned
      const coupon = toCoupon(record, now);
      if (input.status === undefined || coupon.status === input.status) items.push(coupon);
    }
  };
  const memberId = input.memberId;
  const range: RangeOptions<'memberId' | 'couponId'> = {
    start: { memberId, couponId: after ?? INF_MAX },
    end: { memberId },
    direction: 'backward',
    columns: ['campaignId'],
    pageSize: BATCH,
  };
  for await (const row of deps.tables.memberCoupons.scan(range)) {
    if (row.couponId === after || typeof row.couponId !== 'string') continue;
    batch.push(row.couponId);
    if (batch.length >= Math.min(BATCH, limit + 1 - items.length)) await flush();
    if (items.length > limit) break;
  }
  if (batch.length > 0 && items.length <= limit) await flush();
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCouponCursor(last.id) : null };
}
