import type { Fixtures } from '../fixtures.js';
import type { Snapshot } from './storage.js';
import { check, sum, type CheckResult } from './types.js';

/**
 * Coupons (API.md, invariants): never more issued than `total` nor more than `perMemberLimit` to a
 * member; no unit lost (the campaign's remaining plus the coupons issued is its total, no claim
 * left holding one); every coupon on a paid order is used by that order, none is still locked
 * once every order is final, and a used coupon names a paid order of its member.
 *
 * @example
 * const results = couponChecks(fixtures, snapshot);
 */
export function couponChecks(fixtures: Fixtures, snapshot: Snapshot): CheckResult[] {
  const issued = snapshot.coupons.filter((coupon) => coupon.status !== 'void');
  const perMember = new Map<string, number>();
  for (const coupon of issued) perMember.set(coupon.memberId, (perMember.get(coupon.memberId) ?? 0) + 1);
  const remaining = sum(snapshot.campaignShards, (shard) => shard.remaining);
  const holds = sum(snapshot.campaignShards, (shard) => shard.holds);
  const orders = new Map(snapshot.orders.map((order) => [order.id, order]));
  const byId = new Map(issued.map((coupon) => [coupon.id, coupon]));
  const paidWithCoupon = snapshot.orders.filter((order) => order.status === 'paid' && order.couponId);
  return [
    check(
      'coupons: issued <= total',
      issued.length <= fixtures.campaignTotal ? [] : [`${issued.length} issued of ${fixtures.campaignTotal}`],
    ),
    check(
      'coupons: each member <= perMemberLimit',
      [...perMember].filter(([, n]) => n > fixtures.perMemberCoupons).map(([memberId, n]) => `${memberId}: ${n} coupons`),
    ),
    check(
      'coupons: remaining + issued = total, no claim holding a unit',
      remaining + issued.length === fixtures.campaignTotal && holds === 0
        ? []
        : [`remaining ${remaining} + issued ${issued.length} of ${fixtures.campaignTotal}, ${holds} holds open`],
    ),
    check('coupons: used by their paid order, none left locked, used ones name a paid order of their member', [
      ...paidWithCoupon
        .filter((order) => byId.get(order.couponId!)?.status !== 'used' || byId.get(order.couponId!)?.usedBy !== order.id)
        .map((order) => `paid order ${order.id}: coupon ${order.couponId} is ${byId.get(order.couponId!)?.status}`),
      ...issued.filter((coupon) => coupon.status === 'locked').map((coupon) => `${coupon.id} still locked by ${coupon.lockedBy}`),
      ...issued
        .filter((coupon) => coupon.status === 'used')
        .filter((coupon) => {
          const order = orders.get(coupon.usedBy ?? '');
          return order?.status !== 'paid' || order.memberId !== coupon.memberId;
        })
        .map((coupon) => `${coupon.id} used by ${coupon.usedBy}, not a paid order of ${coupon.memberId}`),
    ]),
  ];
}
