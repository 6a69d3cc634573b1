import { seededId } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouponsPort, OrderAttempt } from '../../src/index.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTradingEnv, type TradingEnv } from '../support/env.js';

// A request whose answer was lost (its instance died, or it answered 503), retried with the same
// Idempotency-Key: the attempt carries the key's seed and first time, so the retry finishes or
// answers the one order the first attempt started, and every count is what one order holds.

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

const LAPSE_MS = 10_001; // the function timeout: the idempotency claim lapses, the retry takes over
let keys = 0;

async function shop() {
  const storeId = await env.store();
  await env.stock(storeId, 'a', 10);
  await env.stock(storeId, 'b', 10);
  const memberId = await env.member();
  const campaign = await env.coupons.createCampaign({
    name: 'Double 11',
    kind: 'amount-off',
    value: 500,
    minSpend: 0,
    total: 10,
    perMemberLimit: 1,
    startsAt: new Date(env.clock.now()).toISOString(),
    endsAt: new Date(env.clock.now() + 86_400_000).toISOString(),
  });
  const couponId = (await env.coupons.claim(campaign.id, memberId)).id;
  const seed = `app|trading\nkey-${++keys}\n${memberId}`;
  const first: OrderAttempt = { seed, at: env.clock.now(), resumed: false };
  const input = {
    memberId,
    storeId,
    couponId,
    items: [
      { sku: 'a', quantity: 2 },
      { sku: 'b', quantity: 3 },
    ],
  };
  return { storeId, memberId, couponId, input, first, retry: { ...first, resumed: true }, id: seededId('ord', first.at, seed) };
}

/** What exactly one pending order of 2 a + 3 b with the coupon holds. */
async function expectOneOrderHeld(s: Awaited<ReturnType<typeof shop>>) {
  expect(await env.counts(s.storeId, 'a')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0, holds: 1 });
  expect(await env.counts(s.storeId, 'b')).toEqual({ available: 7, held: 3, sold: 0, flashAllotted: 0, holds: 1 });
  expect(await env.coupons.get(s.couponId)).toMatchObject({ status: 'locked' });
  const orders = (await env.trading().list(s.memberId, { limit: 20 })).items;
  expect(orders.map((o) => o.id)).toEqual([s.id]);
  expect(await deadlinesOf(s.id)).toBe(1);
}

async function expectAllBack(s: Awaited<ReturnType<typeof shop>>) {
  for (const sku of ['a', 'b'])
    expect(await env.counts(s.storeId, sku)).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0, holds: 0 });
  expect(await env.coupons.get(s.couponId)).toMatchObject({ status: 'available' });
}

async function deadlinesOf(orderId: string): Promise<number> {
  let n = 0;
  for await (const row of env.tables.deadlines.scan({ columns: ['saga'] })) if (row.orderId === orderId) n++;
  return n;
}

function crashAfterCouponLock(): CouponsPort {
  return {
    lockForOrder: async (...args) => {
      await env.coupons.lockForOrder(...args);
      throw new SimulatedCrash('crash after the coupon lock');
    },
    releaseFromOrder: (...args) => env.coupons.releaseFromOrder(...args),
    useForOrder: (...args) => env.coupons.useForOrder(...args),
  };
}

describe('a retry with the same key after the first attempt died', () => {
  const steps = [
    {
      step: 'after the deadline row',
      fault: () => ({ tables: { deadlines: withFault(env.tables.deadlines, { method: 'put', crash: 'after' }).table } }),
    },
    {
      step: 'after the first line is held',
      fault: () => ({ inventory: withFault(env.inventory, { method: 'update', crash: 'after' }).table }),
    },
    {
      step: 'after every line is held',
      fault: () => ({
        inventory: withFault(env.inventory, {
          method: 'update',
          crash: 'after',
          when: (args) => (args[0] as { sku: string }).sku === 'b',
        }).table,
      }),
    },
    { step: 'after the coupon is locked', fault: () => ({ coupons: crashAfterCouponLock() }) },
    {
      step: 'before the order row',
      fault: () => ({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } }),
    },
    {
      step: 'after the order row',
      fault: () => ({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'after' }).table } }),
    },
  ];

  for (const { step, fault } of steps) {
    it(`${step}: answers the same order, holding what one order holds; its expiry gives everything back`, async () => {
      const s = await shop();
      await expect(env.trading(fault()).createOrder(s.input, s.first)).rejects.toBeInstanceOf(SimulatedCrash);
      env.clock.advance(LAPSE_MS);
      const order = await env.trading().createOrder(s.input, s.retry);
      expect(order).toMatchObject({
        id: s.id,
        status: 'pending-payment',
        total: 5 * 1250 - 500,
        createdAt: new Date(s.first.at).toISOString(),
      });
      await expectOneOrderHeld(s);
      expect(await env.trading().createOrder(s.input, s.retry)).toEqual(order); // and again: nothing more
      await expectOneOrderHeld(s);

      env.clock.advance(15 * 60_000);
      await env.trading().runExpiry();
      await expectAllBack(s);
      expect(await deadlinesOf(s.id)).toBe(0);
    });
  }

  it('after the order expired and was released: answers that order, expired, and holds nothing again', async () => {
    const s = await shop();
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'after' }).table } });
    await expect(broken.createOrder(s.input, s.first)).rejects.toBeInstanceOf(SimulatedCrash);
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    const order = await env.trading().createOrder(s.input, s.retry);
    expect([order.id, order.status]).toEqual([s.id, 'expired']);
    await expectAllBack(s);
  });

  it('after the order was paid: answers the paid order, and the coupon stays used', async () => {
    const s = await shop();
    const order = await env.trading().createOrder(s.input, s.first);
    await env.trading().pay(order.id, { paymentRef: 'wx-1', amount: order.total });
    const again = await env.trading().createOrder(s.input, s.retry);
    expect([again.id, again.status]).toEqual([s.id, 'paid']);
    expect(await env.counts(s.storeId, 'a')).toMatchObject({ available: 8, held: 0, sold: 2 });
    expect(await env.coupons.get(s.couponId)).toMatchObject({ status: 'used' });
  });

  it('past the payment window with no order made: the retry makes its one successor, and the dead attempt is undone', async () => {
    const s = await shop();
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } });
    await expect(broken.createOrder(s.input, s.first)).rejects.toBeInstanceOf(SimulatedCrash);
    env.clock.advance(15 * 60_000);
    const successor = await env.trading().createOrder(s.input, s.retry);
    expect(successor).toMatchObject({ status: 'pending-payment', createdAt: new Date(env.clock.now()).toISOString() });
    expect(successor.id).not.toBe(s.id);
    expect(await env.trading().createOrder(s.input, s.retry)).toEqual(successor); // every later retry: the same
    await env.trading().runExpiry(); // the dead attempt's deadline: its holds go
    const one = { ...s, id: successor.id };
    await expectOneOrderHeld(one);
    expect(await deadlinesOf(s.id)).toBe(0);
    expect(await env.trading().createOrder(s.input, s.retry)).toEqual(successor);
  });

  it('a retry refused out-of-stock gives back what the first attempt held', async () => {
    const s = await shop();
    const sku = (name: string) => (args: unknown[]) => (args[0] as { sku: string }).sku === name;
    const heldA = withFault(env.inventory, { method: 'update', crash: 'after', when: sku('a') }).table;
    const broken = env.trading({ inventory: withFault(heldA, { method: 'update', crash: 'before', when: sku('b') }).table });
    await expect(broken.createOrder(s.input, s.first)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await env.counts(s.storeId, 'a')).toMatchObject({ held: 2, holds: 1 });
    await env.stock(s.storeId, 'b', 1); // meanwhile b is counted down to 1
    await expect(env.trading().createOrder(s.input, s.retry)).rejects.toMatchObject({ code: 'out-of-stock' });
    expect(await env.counts(s.storeId, 'a')).toMatchObject({ available: 10, held: 0, holds: 0 });
    expect(await env.coupons.get(s.couponId)).toMatchObject({ status: 'available' });
    expect(await deadlinesOf(s.id)).toBe(0);
  });

  it('another key, or the same key for another member, is another order', async () => {
    const s = await shop();
    const one = await env.trading().createOrder({ ...s.input, couponId: undefined }, s.first);
    const other = await env.trading().createOrder({ ...s.input, couponId: undefined }, { ...s.first, seed: `${s.first.seed}-2` });
    expect(one.id).not.toBe(other.id);
    expect(await env.counts(s.storeId, 'a')).toMatchObject({ available: 6, held: 4, holds: 2 });
  });
});
