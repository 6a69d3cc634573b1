import { NotFoundError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCouponsTables, couponKey, type Coupon, type CouponService } from '../../src/index.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// What trading relies on: available -> locked (order created) -> used (paid), back to available on
// cancel or expiry; every call idempotent for the same order; one coupon, one order.

let env: TestEnv;
let coupons: CouponService;
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
});
afterAll(() => env.stop());

async function claimed(overrides: Parameters<TestEnv['campaign']>[0] = {}): Promise<Coupon> {
  const campaign = await env.campaign({ total: 10, ...overrides });
  return coupons.claim(campaign.id, env.members.add());
}

describe('lockForOrder', () => {
  it('locks for one order, says the discount, and answers a retry by the same order the same', async () => {
    const c = await claimed({ kind: 'amount-off', value: 500, minSpend: 3000 });
    const input = { memberId: c.memberId, orderId: 'ord_a', subtotal: 3000 };
    expect(await coupons.lockForOrder(c.id, input)).toEqual({ couponId: c.id, discount: 500 });
    expect(await coupons.get(c.id)).toMatchObject({ status: 'locked' });
    expect(await coupons.lockForOrder(c.id, input)).toEqual({ couponId: c.id, discount: 500 });
    await expect(coupons.lockForOrder(c.id, { ...input, orderId: 'ord_b' })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
  });

  it('rounds percent-off down and refuses another member, an unmet minimum spend and an unknown coupon', async () => {
    const c = await claimed({ kind: 'percent-off', value: 15, minSpend: 1000 });
    expect(await coupons.lockForOrder(c.id, { memberId: c.memberId, orderId: 'ord_p', subtotal: 1999 })).toEqual({
      couponId: c.id,
      discount: 299,
    });
    const d = await claimed({ minSpend: 3000 });
    await expect(
      coupons.lockForOrder(d.id, { memberId: env.members.add(), orderId: 'o1', subtotal: 5000 }),
    ).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    await expect(coupons.lockForOrder(d.id, { memberId: d.memberId, orderId: 'o1', subtotal: 2999 })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    expect(await coupons.get(d.id)).toMatchObject({ status: 'available' }); // refusals changed nothing
    await expect(
      coupons.lockForOrder('cpn_01j9z3k5q8x7v2w4t6y8r0p2n4', { memberId: d.memberId, orderId: 'o1', subtotal: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(coupons.lockForOrder(d.id, { memberId: d.memberId, orderId: '', subtotal: -1 })).rejects.toMatchObject({
      code: 'validation-failed',
    });
  });

  it('10 orders locking one coupon at once from 2 processes: exactly one wins', async () => {
    const c = await claimed({ minSpend: 0 });
    const services = [coupons, env.service({ tables: bindCouponsTables(env.newClient()) })];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        services[i % 2]!.lockForOrder(c.id, { memberId: c.memberId, orderId: `ord_${i}`, subtotal: 100 }),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => (r.reason as { code: string }).code === 'coupon-not-applicable'),
    ).toBe(true);
    const row = await env.tables.coupons.get(couponKey(c.id));
    expect(row).toMatchObject({ status: 'locked', lockedBy: `ord_${won[0]}` });
  });
});

describe('releaseFromOrder and useForOrder', () => {
  it('release by the locking order makes it available; a repeat, or another order, changes nothing', async () => {
    const c = await claimed({ minSpend: 0 });
    await coupons.lockForOrder(c.id, { memberId: c.memberId, orderId: 'ord_1', subtotal: 100 });
    expect(await coupons.releaseFromOrder(c.id, 'ord_other')).toBe(false);
    expect(await coupons.get(c.id)).toMatchObject({ status: 'locked' });
    expect(await coupons.releaseFromOrder(c.id, 'ord_1')).toBe(true);
    expect(await coupons.releaseFromOrder(c.id, 'ord_1')).toBe(false);
    expect(await coupons.get(c.id)).toMatchObject({ status: 'available' });
    expect(await coupons.releaseFromOrder('cpn_01j9z3k5q8x7v2w4t6y8r0p2n4', 'ord_1')).toBe(false);
    // usable again by a new order
    expect(await coupons.lockForOrder(c.id, { memberId: c.memberId, orderId: 'ord_2', subtotal: 100 })).toMatchObject({
      couponId: c.id,
    });
  });

  it('use by the locking order marks it used, once; used coupons refuse locks, releases and other orders', async () => {
    const c = await claimed({ minSpend: 0 });
    await expect(coupons.useForOrder(c.id, 'ord_1')).rejects.toMatchObject({ code: 'coupon-not-locked' });
    await coupons.lockForOrder(c.id, { memberId: c.memberId, orderId: 'ord_1', subtotal: 100 });
    await expect(coupons.useForOrder(c.id, 'ord_2')).rejects.toMatchObject({ code: 'coupon-not-locked' });
    await coupons.useForOrder(c.id, 'ord_1');
    await coupons.useForOrder(c.id, 'ord_1'); // a retried payment
    expect(await coupons.get(c.id)).toMatchObject({ status: 'used' });
    expect(await coupons.releaseFromOrder(c.id, 'ord_1')).toBe(false);
    expect(await coupons.get(c.id)).toMatchObject({ status: 'used' });
    await expect(coupons.useForOrder(c.id, 'ord_2')).rejects.toMatchObject({ code: 'coupon-not-locked' });
    await expect(coupons.lockForOrder(c.id, { memberId: c.memberId, orderId: 'ord_3', subtotal: 100 })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    await expect(coupons.useForOrder('cpn_01j9z3k5q8x7v2w4t6y8r0p2n4', 'ord_1')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('expiry: an available coupon reads expired at expiresAt and cannot be locked; a locked one stays usable by its order', async () => {
    const now = env.clock.now();
    const campaign = await env.campaign({ minSpend: 0, endsAt: new Date(now + 60_000).toISOString() });
    const [a, b] = [await coupons.claim(campaign.id, env.members.add()), await coupons.claim(campaign.id, env.members.add())];
    await coupons.lockForOrder(b.id, { memberId: b.memberId, orderId: 'ord_b', subtotal: 100 });
    // the order's own time decides, not the service's clock: an order stamped at the end is too late
    await expect(
      coupons.lockForOrder(a.id, { memberId: a.memberId, orderId: 'ord_a', subtotal: 100, now: now + 60_000 }),
    ).rejects.toMatchObject({ code: 'coupon-not-applicable' });
    env.clock.advance(60_000);
    expect(await coupons.get(a.id)).toMatchObject({ status: 'expired' });
    await expect(coupons.lockForOrder(a.id, { memberId: a.memberId, orderId: 'ord_a', subtotal: 100 })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    expect(await coupons.get(b.id)).toMatchObject({ status: 'locked' });
    expect(await coupons.lockForOrder(b.id, { memberId: b.memberId, orderId: 'ord_b', subtotal: 100 })).toMatchObject({
      couponId: b.id,
    });
    expect(await coupons.releaseFromOrder(b.id, 'ord_b')).toBe(true);
    expect(await coupons.get(b.id)).toMatchObject({ status: 'expired' }); // released after the end: expired
    const c = await env.campaign({ minSpend: 0, endsAt: new Date(env.clock.now() + 60_000).toISOString() });
    const d = await coupons.claim(c.id, env.members.add());
    await coupons.lockForOrder(d.id, { memberId: d.memberId, orderId: 'ord_d', subtotal: 100 });
    env.clock.advance(120_000);
    await coupons.useForOrder(d.id, 'ord_d'); // paid after the end for an order placed before it
    expect(await coupons.get(d.id)).toMatchObject({ status: 'used' });
  });
});
