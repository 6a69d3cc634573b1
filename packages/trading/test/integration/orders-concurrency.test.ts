import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

describe('orders under concurrency', () => {
  it('200 concurrent orders on a sku with 37 available: exactly 37 reserved, never below zero, all back after cancellation', async () => {
    const storeId = await env.store();
    await env.stock(storeId, 'hot', 37);
    await env.stock(storeId, 'side', 1000);
    const buyers = await Promise.all(Array.from({ length: 20 }, () => env.member()));
    const t = env.trading();
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        t.createOrder({
          memberId: buyers[i % buyers.length] as string,
          storeId,
          items: [
            { sku: 'side', quantity: 1 },
            { sku: 'hot', quantity: 1 },
          ],
        }),
      ),
    );
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string }] : []));
    expect(created).toHaveLength(37);
    expect(refused.filter((e) => e.code !== 'out-of-stock').map((e) => String(e))).toEqual([]);
    expect(await env.counts(storeId, 'hot')).toEqual({ available: 0, held: 37, sold: 0, flashAllotted: 0, holds: 37 });
    // the refused orders gave their other line back: all or nothing
    expect(await env.counts(storeId, 'side')).toMatchObject({ available: 963, held: 37, holds: 37 });
    await Promise.all(created.map((o) => t.cancel(o.id)));
    expect(await env.counts(storeId, 'hot')).toEqual({ available: 37, held: 0, sold: 0, flashAllotted: 0, holds: 0 });
    expect(stockTotal(await env.counts(storeId, 'side'))).toBe(1000);
  });

  it('concurrent payments of one order with one paymentRef: paid once, points once', async () => {
    const storeId = await env.store();
    await env.stock(storeId, 'tv', 5, 199_900);
    const memberId = await env.member();
    const t = env.trading();
    const order = await t.createOrder({ memberId, storeId, items: [{ sku: 'tv', quantity: 1 }] });
    const paid = await Promise.all(Array.from({ length: 10 }, () => t.pay(order.id, { paymentRef: 'ali-9', amount: 199_900 })));
    expect(new Set(paid.map((o) => o.status))).toEqual(new Set(['paid']));
    expect((await env.members.get(memberId)).points).toBe(1999);
    expect(await env.counts(storeId, 'tv')).toMatchObject({ available: 4, held: 0, sold: 1, holds: 0 });
  });

  it('a payment racing a cancellation: exactly one wins, and the counts agree with it', async () => {
    const storeId = await env.store();
    await env.stock(storeId, 'book', 50, 3000);
    const memberId = await env.member();
    const t = env.trading();
    const orders = await Promise.all(
      Array.from({ length: 20 }, () => t.createOrder({ memberId, storeId, items: [{ sku: 'book', quantity: 1 }] })),
    );
    const outcomes = await Promise.all(
      orders.map((o) =>
        Promise.allSettled([t.pay(o.id, { paymentRef: `p-${o.id}`, amount: 3000 }), t.cancel(o.id)]).then(([p, c]) => ({
          paid: p.status === 'fulfilled',
          cancelled: c.status === 'fulfilled',
        })),
      ),
    );
    expect(outcomes.every((o) => o.paid !== o.cancelled)).toBe(true);
    const paid = outcomes.filter((o) => o.paid).length;
    expect(await env.counts(storeId, 'book')).toEqual({ available: 50 - paid, held: 0, sold: paid, flashAllotted: 0, holds: 0 });
    expect((await env.members.get(memberId)).points).toBe(30 * paid);
  });
});
