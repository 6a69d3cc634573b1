import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

async function shop(units = 10) {
  const storeId = await env.store();
  await env.stock(storeId, 'milk', units, 1250);
  await env.stock(storeId, 'bread', units, 800);
  return { storeId, memberId: await env.member() };
}

describe('creating an order', () => {
  it('prices lines from the inventory and holds their stock', async () => {
    const { storeId, memberId } = await shop();
    const trading = env.trading();
    const order = await trading.createOrder({
      memberId,
      storeId,
      items: [
        { sku: 'milk', quantity: 2 },
        { sku: 'bread', quantity: 1 },
      ],
    });
    expect(order).toMatchObject({
      memberId,
      storeId,
      items: [
        { sku: 'milk', name: 'Item milk', price: 1250, quantity: 2, subtotal: 2500 },
        { sku: 'bread', name: 'Item bread', price: 800, quantity: 1, subtotal: 800 },
      ],
      subtotal: 3300,
      discount: 0,
      total: 3300,
      couponId: null,
      status: 'pending-payment',
      createdAt: '2026-11-11T00:00:00.000Z',
      expiresAt: '2026-11-11T00:15:00.000Z',
    });
    expect(await env.counts(storeId, 'milk')).toMatchObject({ available: 8, held: 2, holds: 1 });
    expect(await trading.get(order.id)).toEqual(order);
  });

  it('refuses a short line with out-of-stock and leaves every count as it was', async () => {
    const { storeId, memberId } = await shop(3);
    const before = [await env.counts(storeId, 'milk'), await env.counts(storeId, 'bread')];
    const refused = env.trading().createOrder({
      memberId,
      storeId,
      items: [
        { sku: 'milk', quantity: 1 },
        { sku: 'bread', quantity: 4 },
      ],
    });
    await expect(refused).rejects.toMatchObject({ code: 'out-of-stock' });
    expect([await env.counts(storeId, 'milk'), await env.counts(storeId, 'bread')]).toEqual(before);
    expect((await env.trading().list(memberId, { limit: 20 })).items).toEqual([]);
  });

  it('refuses unknown members, stores and skus with not-found, and a sku listed twice by field', async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    await expect(t.createOrder({ memberId, storeId, items: [{ sku: 'nope', quantity: 1 }] })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(
      t.createOrder({ memberId: 'mem_01jz0000000000000000000000', storeId, items: [{ sku: 'milk', quantity: 1 }] }),
    ).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(
      t.createOrder({
        memberId,
        storeId,
        items: [
          { sku: 'milk', quantity: 1 },
          { sku: 'milk', quantity: 2 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'validation-failed', problems: [{ field: 'items[1].sku' }] });
    expect(await env.counts(storeId, 'milk')).toMatchObject({ available: 10, held: 0 });
  });
});

describe('paying', () => {
  it('sells the stock and pays points once per whole yuan, however often it is retried', async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    const order = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 3 }] }); // 37.50 yuan
    const paid = await t.pay(order.id, { paymentRef: 'wx-1', amount: 3750 });
    expect(paid).toMatchObject({ status: 'paid', paymentRef: 'wx-1', paidAt: '2026-11-11T00:00:00.000Z' });
    expect(await t.pay(order.id, { paymentRef: 'wx-1', amount: 3750 })).toEqual(paid);
    expect((await env.members.get(memberId)).points).toBe(37);
    expect(await env.counts(storeId, 'milk')).toEqual({ available: 7, held: 0, sold: 3, flashAllotted: 0, holds: 0 });
  });

  it('refuses another amount, another paymentRef, and a cancelled or expired order', async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    const a = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] });
    await expect(t.pay(a.id, { paymentRef: 'p', amount: 1 })).rejects.toMatchObject({ code: 'amount-mismatch' });
    await t.pay(a.id, { paymentRef: 'p', amount: 1250 });
    await expect(t.pay(a.id, { paymentRef: 'other', amount: 1250 })).rejects.toMatchObject({ code: 'not-payable' });
    const b = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] });
    await t.cancel(b.id);
    await expect(t.pay(b.id, { paymentRef: 'q', amount: 1250 })).rejects.toMatchObject({ code: 'not-payable' });
    const c = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] });
    env.clock.advance(15 * 60_000);
    await expect(t.pay(c.id, { paymentRef: 'r', amount: 1250 })).rejects.toMatchObject({ code: 'not-payable' });
    expect((await t.get(c.id)).status).toBe('expired');
    expect(await env.counts(storeId, 'milk')).toMatchObject({ available: 9, held: 0, sold: 1, holds: 0 });
  });
});

describe('cancelling and expiry', () => {
  it('cancellation gives the stock back, once; a paid order is not cancellable', async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    const order = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 4 }] });
    const cancelled = await t.cancel(order.id);
    expect(cancelled.status).toBe('cancelled');
    expect(await t.cancel(order.id)).toEqual(cancelled);
    expect(await env.counts(storeId, 'milk')).toMatchObject({ available: 10, held: 0, holds: 0 });
    const paid = await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] });
    await t.pay(paid.id, { paymentRef: 'x', amount: 1250 });
    await expect(t.cancel(paid.id)).rejects.toMatchObject({ code: 'not-cancellable' });
  });

  it('the expiry job expires unpaid orders at their deadline and releases their stock', async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    const order = await t.createOrder({ memberId, storeId, items: [{ sku: 'bread', quantity: 5 }] });
    env.clock.advance(14 * 60_000);
    await t.runExpiry();
    expect((await t.get(order.id)).status).toBe('pending-payment');
    env.clock.advance(60_000);
    const report = await t.runExpiry();
    expect(report.ordersExamined).toBeGreaterThanOrEqual(1);
    expect(await env.counts(storeId, 'bread')).toMatchObject({ available: 10, held: 0, holds: 0 });
    expect((await t.get(order.id)).status).toBe('expired');
    expect(stockTotal(await env.counts(storeId, 'bread'))).toBe(10);
  });
});

describe('listing', () => {
  it("lists a member's orders newest first, in pages", async () => {
    const { storeId, memberId } = await shop();
    const t = env.trading();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await t.createOrder({ memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] })).id);
      env.clock.advance(1000);
    }
    const first = await t.list(memberId, { limit: 3 });
    expect(first.items.map((o) => o.id)).toEqual(ids.slice(2).reverse());
    const second = await t.list(memberId, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((o) => o.id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.nextCursor).toBeNull();
  });
});
