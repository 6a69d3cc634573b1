import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

// A crash after each step of an order's creation, then the expiry job: every count comes back,
// nothing is held by an order that does not exist, and no order is left half-made.

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

async function shop() {
  const storeId = await env.store();
  await env.stock(storeId, 'a', 10);
  await env.stock(storeId, 'b', 10);
  return { storeId, memberId: await env.member() };
}

const lines = [
  { sku: 'a', quantity: 2 },
  { sku: 'b', quantity: 3 },
];

async function expectAllBack(storeId: string) {
  for (const sku of ['a', 'b']) {
    const counts = await env.counts(storeId, sku);
    expect(counts).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0, holds: 0 });
  }
}

describe('a crash while creating an order, repaired by the expiry job', () => {
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
    {
      step: 'before the order row',
      fault: () => ({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } }),
    },
  ];

  for (const { step, fault } of steps) {
    it(`${step}: every unit comes back and no order exists`, async () => {
      const { storeId, memberId } = await shop();
      const broken = env.trading(fault());
      await expect(broken.createOrder({ memberId, storeId, items: lines })).rejects.toBeInstanceOf(SimulatedCrash);
      env.clock.advance(15 * 60_000);
      await env.trading().runExpiry();
      await expectAllBack(storeId);
      expect((await env.trading().list(memberId, { limit: 20 })).items).toEqual([]);
    });
  }

  it('after the order row: the order stands, then expires like any unpaid order', async () => {
    const { storeId, memberId } = await shop();
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'after' }).table } });
    await expect(broken.createOrder({ memberId, storeId, items: lines })).rejects.toBeInstanceOf(SimulatedCrash);
    const [order] = (await env.trading().list(memberId, { limit: 20 })).items;
    expect(order?.status).toBe('pending-payment');
    expect(stockTotal(await env.counts(storeId, 'a'))).toBe(10);
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    expect((await env.trading().get(order?.id as string)).status).toBe('expired');
    await expectAllBack(storeId);
  });
});

describe('a crash after an order ended, finished on the next touch or by the job', () => {
  it('a payment that died after its status change: the next payment call finishes it, points once', async () => {
    const { storeId, memberId } = await shop();
    const order = await env.trading().createOrder({ memberId, storeId, items: [{ sku: 'a', quantity: 1 }] });
    const broken = env.trading({ inventory: withFault(env.inventory, { method: 'update', crash: 'before' }).table });
    await expect(broken.pay(order.id, { paymentRef: 'wx', amount: 1250 })).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await env.counts(storeId, 'a')).toMatchObject({ held: 1, sold: 0 });
    const paid = await env.trading().pay(order.id, { paymentRef: 'wx', amount: 1250 });
    expect(paid.status).toBe('paid');
    expect(await env.counts(storeId, 'a')).toEqual({ available: 9, held: 0, sold: 1, flashAllotted: 0, holds: 0 });
    expect((await env.members.get(memberId)).points).toBe(12);
  });

  it('a cancellation that died after its status change: the job releases the stock', async () => {
    const { storeId, memberId } = await shop();
    const order = await env.trading().createOrder({ memberId, storeId, items: lines });
    const broken = env.trading({ inventory: withFault(env.inventory, { method: 'update', crash: 'before' }).table });
    await expect(broken.cancel(order.id)).rejects.toBeInstanceOf(SimulatedCrash);
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    await expectAllBack(storeId);
    expect((await env.trading().get(order.id)).status).toBe('cancelled');
  });
});
