import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTradingEnv, type TradingEnv } from '../support/env.js';

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

async function setup(rule: { kind: 'amount-off' | 'percent-off'; value: number; minSpend: number }) {
  const storeId = await env.store();
  await env.stock(storeId, 'wine', 10, 8800);
  const memberId = await env.member();
  const now = env.clock.now();
  const campaign = await env.coupons.createCampaign({
    name: 'Double 11',
    ...rule,
    total: 100,
    perMemberLimit: 5,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 24 * 3_600_000).toISOString(),
  });
  const coupon = await env.coupons.claim(campaign.id, memberId);
  return { storeId, memberId, couponId: coupon.id };
}

describe('orders with a coupon', () => {
  it('takes the discount, locks the coupon, and uses it when paid', async () => {
    const { storeId, memberId, couponId } = await setup({ kind: 'percent-off', value: 15, minSpend: 10_000 });
    const t = env.trading();
    const order = await t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 2 }], couponId });
    expect(order).toMatchObject({ subtotal: 17_600, discount: 2640, total: 14_960, couponId });
    expect((await env.coupons.get(couponId)).status).toBe('locked');
    await t.pay(order.id, { paymentRef: 'wx-7', amount: 14_960 });
    expect((await env.coupons.get(couponId)).status).toBe('used');
    expect((await env.members.get(memberId)).points).toBe(149);
  });

  it('refuses a coupon already locked, or whose minimum spend is not met, with every count unchanged', async () => {
    const { storeId, memberId, couponId } = await setup({ kind: 'amount-off', value: 500, minSpend: 10_000 });
    const t = env.trading();
    await expect(t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 1 }], couponId })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    expect(await env.counts(storeId, 'wine')).toMatchObject({ available: 10, held: 0, holds: 0 });
    await t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 2 }], couponId });
    await expect(t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 2 }], couponId })).rejects.toMatchObject({
      code: 'coupon-not-applicable',
    });
    expect(await env.counts(storeId, 'wine')).toMatchObject({ available: 8, held: 2, holds: 1 });
    const stranger = await env.member();
    await expect(
      t.createOrder({ memberId: stranger, storeId, items: [{ sku: 'wine', quantity: 2 }], couponId }),
    ).rejects.toMatchObject({ code: 'coupon-not-applicable' });
  });

  it('cancellation and expiry make the coupon available again', async () => {
    const { storeId, memberId, couponId } = await setup({ kind: 'amount-off', value: 500, minSpend: 0 });
    const t = env.trading();
    const first = await t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 1 }], couponId });
    await t.cancel(first.id);
    expect((await env.coupons.get(couponId)).status).toBe('available');
    await t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 1 }], couponId });
    env.clock.advance(15 * 60_000);
    await t.runExpiry();
    expect((await env.coupons.get(couponId)).status).toBe('available');
  });

  it('5 concurrent orders naming one coupon: exactly one gets it', async () => {
    const { storeId, memberId, couponId } = await setup({ kind: 'amount-off', value: 500, minSpend: 0 });
    const t = env.trading();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => t.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 1 }], couponId })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await env.counts(storeId, 'wine')).toMatchObject({ available: 9, held: 1, holds: 1 });
  });

  it('a crash after the coupon lock: the job releases the stock and the coupon', async () => {
    const { storeId, memberId, couponId } = await setup({ kind: 'amount-off', value: 500, minSpend: 0 });
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } });
    await expect(
      broken.createOrder({ memberId, storeId, items: [{ sku: 'wine', quantity: 3 }], couponId }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await env.coupons.get(couponId)).status).toBe('locked');
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    expect((await env.coupons.get(couponId)).status).toBe('available');
    expect(await env.counts(storeId, 'wine')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0, holds: 0 });
  });
});
