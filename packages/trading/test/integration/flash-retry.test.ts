import { seededId } from '@retail/core';
import { placeHold } from '@retail/tablestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderAttempt } from '../../src/index.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

// A flash purchase whose answer was lost, retried with the same Idempotency-Key (the attempt):
// the same order, one set of units, one count against the member's limit, whatever shard the
// first attempt's units landed on.

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

const LAPSE_MS = 10_001;
let keys = 0;

async function running(quantity: number, perMemberLimit = 1) {
  const storeId = await env.store();
  await env.stock(storeId, 'tv', quantity);
  const now = env.clock.now();
  const sale = await env.trading().createFlashSale({
    storeId,
    sku: 'tv',
    price: 99_900,
    quantity,
    perMemberLimit,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
  });
  return { storeId, saleId: sale.id };
}

async function buyer() {
  const memberId = await env.member();
  const seed = `app|trading\nbuy-${++keys}\n${memberId}`;
  const first: OrderAttempt = { seed, at: env.clock.now(), resumed: false };
  return { memberId, first, retry: { ...first, resumed: true }, id: seededId('ord', first.at, seed) };
}

async function bought(saleId: string, memberId: string): Promise<number> {
  return Number((await env.tables.saleBuyers.get({ saleId, memberId }, { columns: ['bought'] }))?.bought ?? 0);
}

async function shardHolds(saleId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const row of env.tables.saleShards.scan({})) {
    if (row.saleId !== saleId) continue;
    for (const column of Object.keys(row)) if (column.startsWith('h_')) ids.push(column.slice(2));
  }
  return ids.sort();
}

describe('a flash purchase retried with the same key after the first attempt died', () => {
  const steps = [
    {
      step: 'after taking the units',
      fault: () => ({ tables: { saleBuyers: withFault(env.tables.saleBuyers, { method: 'update', crash: 'before' }).table } }),
    },
    {
      step: 'after counting them for the member',
      fault: () => ({ tables: { saleBuyers: withFault(env.tables.saleBuyers, { method: 'update', crash: 'after' }).table } }),
    },
    {
      step: 'after the deadline row',
      fault: () => ({ tables: { deadlines: withFault(env.tables.deadlines, { method: 'put', crash: 'after' }).table } }),
    },
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
    it(`${step}: the same order, one unit taken, one counted against a limit of 1`, async () => {
      const { storeId, saleId } = await running(3);
      const b = await buyer();
      await expect(
        env.trading(fault()).buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.first),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      env.clock.advance(LAPSE_MS);
      const order = await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry);
      expect([order.id, order.status, order.createdAt]).toEqual([b.id, 'pending-payment', new Date(b.first.at).toISOString()]);
      expect(await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry)).toEqual(order);
      expect((await env.trading().getFlashSale(saleId)).remaining).toBe(2);
      expect(await bought(saleId, b.memberId)).toBe(1);
      expect(await shardHolds(saleId)).toEqual([b.id]);
      expect((await env.trading().list(b.memberId, { limit: 5 })).items.map((o) => o.id)).toEqual([b.id]);

      env.clock.advance(15 * 60_000);
      await env.trading().runExpiry();
      expect((await env.trading().getFlashSale(saleId)).remaining).toBe(3);
      expect(await bought(saleId, b.memberId)).toBe(0);
      expect(stockTotal(await env.counts(storeId, 'tv'))).toBe(3);
    });
  }

  it('finds the units on whichever shard the first attempt took them from (20 buyers over 16 shards)', async () => {
    const { saleId } = await running(400);
    const buyers = await Promise.all(Array.from({ length: 20 }, () => buyer()));
    const crashing = env.trading({
      tables: { saleBuyers: withFault(env.tables.saleBuyers, { method: 'update', crash: 'before', times: 20 }).table },
    });
    for (const b of buyers) {
      await expect(crashing.buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.first)).rejects.toBeInstanceOf(
        SimulatedCrash,
      );
    }
    env.clock.advance(LAPSE_MS);
    const orders = await Promise.all(
      buyers.map((b) => env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry)),
    );
    expect(orders.map((o) => o.id)).toEqual(buyers.map((b) => b.id));
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(380);
    expect(await shardHolds(saleId)).toEqual(buyers.map((b) => b.id).sort());
  });

  it('a gather that died halfway is given back whole and taken again', async () => {
    const { saleId } = await running(40, 2); // 2 shards of 20
    const b = await buyer();
    // What a crash in the middle of gathering 2 units leaves: 1 unit held on shard 0 under the order id.
    await placeHold(
      env.tables.saleShards,
      { saleId, shard: 0 },
      { id: b.id, change: { remaining: -1 }, atLeast: { remaining: 1 }, at: b.first.at, note: `1:${b.memberId}` },
    );
    const sale = await env.trading().getFlashSale(saleId);
    expect(sale.remaining).toBe(39);
    const order = await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 2 }, b.retry);
    expect(order.id).toBe(b.id);
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(38);
    expect(await bought(saleId, b.memberId)).toBe(2);
  });

  it('after the sweep gave the units back: the retry makes its one successor, holding one unit', async () => {
    const { saleId } = await running(3);
    const b = await buyer();
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } });
    await expect(broken.buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.first)).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    env.clock.advance(61_000);
    await env.trading().runExpiry();
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(3);
    expect(await bought(saleId, b.memberId)).toBe(0);
    const successor = await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry);
    expect([successor.status, successor.id === b.id]).toEqual(['pending-payment', false]);
    expect(await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry)).toEqual(successor);
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(2);
    expect(await bought(saleId, b.memberId)).toBe(1);
    expect(await shardHolds(saleId)).toEqual([successor.id]);
  });

  it('after its order expired: answers the expired order and takes nothing again', async () => {
    const { saleId } = await running(3);
    const b = await buyer();
    const first = await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.first);
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    const again = await env.trading().buyFlashSale(saleId, { memberId: b.memberId, quantity: 1 }, b.retry);
    expect([again.id, again.status]).toEqual([first.id, 'expired']);
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(3);
    expect(await bought(saleId, b.memberId)).toBe(0);
  });
});
