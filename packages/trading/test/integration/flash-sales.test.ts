import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

const HOUR = 3_600_000;

async function sale(quantity: number, opts: { stock?: number; perMemberLimit?: number; startsInMs?: number } = {}) {
  const storeId = await env.store();
  await env.stock(storeId, 'phone', opts.stock ?? quantity + 10, 399_900);
  const now = env.clock.now();
  const created = await env.trading().createFlashSale({
    storeId,
    sku: 'phone',
    price: 199_900,
    quantity,
    perMemberLimit: opts.perMemberLimit ?? 1,
    startsAt: new Date(now + (opts.startsInMs ?? 0)).toISOString(),
    endsAt: new Date(now + HOUR).toISOString(),
  });
  return { storeId, sale: created };
}

describe('creating a flash sale', () => {
  it('sets its units aside from the inventory, once', async () => {
    const { storeId, sale: s } = await sale(50, { stock: 60 });
    expect(s).toMatchObject({ quantity: 50, remaining: 50, status: 'running', name: 'Item phone', price: 199_900 });
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 50, holds: 0 });
  });

  it('refuses more units than the store has, changing nothing', async () => {
    const storeId = await env.store();
    await env.stock(storeId, 'phone', 5);
    const now = env.clock.now();
    await expect(
      env.trading().createFlashSale({
        storeId,
        sku: 'phone',
        price: 1,
        quantity: 6,
        perMemberLimit: 1,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + HOUR).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'out-of-stock' });
    expect(await env.counts(storeId, 'phone')).toMatchObject({ available: 5, flashAllotted: 0 });
  });
});

describe('buying', () => {
  it('400 concurrent purchases for 50 units: exactly 50 orders at the flash price, the rest sold-out', async () => {
    const { storeId, sale: s } = await sale(50);
    const buyers = await Promise.all(Array.from({ length: 400 }, () => env.member()));
    const t = env.trading();
    const results = await Promise.allSettled(buyers.map((memberId) => t.buyFlashSale(s.id, { memberId, quantity: 1 })));
    const orders = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as { code?: string }).code)] : []));
    expect(orders).toHaveLength(50);
    expect(new Set(refusals)).toEqual(new Set(['sold-out']));
    expect(orders.every((o) => o.total === 199_900 && o.flashSaleId === s.id)).toBe(true);
    expect((await t.getFlashSale(s.id)).remaining).toBe(0);
    expect(stockTotal(await env.counts(storeId, 'phone'))).toBe(60);
  });

  it('one member buying many times at once against a limit of 2 gets exactly 2 units', async () => {
    const { sale: s } = await sale(100, { perMemberLimit: 2 });
    const memberId = await env.member();
    const t = env.trading();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => t.buyFlashSale(s.id, { memberId, quantity: 1 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(8).fill('limit-reached'),
    );
    await expect(t.buyFlashSale(s.id, { memberId, quantity: 3 })).rejects.toMatchObject({ code: 'limit-reached' });
    expect((await t.getFlashSale(s.id)).remaining).toBe(98);
  });

  it('refuses before the start, and an unknown sale', async () => {
    const { sale: s } = await sale(10, { startsInMs: 60_000 });
    const memberId = await env.member();
    await expect(env.trading().buyFlashSale(s.id, { memberId, quantity: 1 })).rejects.toMatchObject({
      code: 'campaign-not-active',
    });
    await expect(env.trading().buyFlashSale('fls_01jz0000000000000000000000', { memberId, quantity: 1 })).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});

describe('after a purchase', () => {
  it('cancelling returns the units to the sale and the member may buy again; paying sells them', async () => {
    const { storeId, sale: s } = await sale(2, { stock: 2 });
    const [a, b] = [await env.member(), await env.member()];
    const t = env.trading();
    const first = await t.buyFlashSale(s.id, { memberId: a, quantity: 1 });
    await t.cancel(first.id);
    expect((await t.getFlashSale(s.id)).remaining).toBe(2);
    const again = await t.buyFlashSale(s.id, { memberId: a, quantity: 1 });
    const other = await t.buyFlashSale(s.id, { memberId: b, quantity: 1 });
    await t.pay(again.id, { paymentRef: 'x', amount: 199_900 });
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 0, held: 0, sold: 1, flashAllotted: 1, holds: 0 });
    expect((await env.members.get(a)).points).toBe(1999);
    await t.cancel(other.id);
    expect((await t.getFlashSale(s.id)).remaining).toBe(1);
  });

  it('when the sale ends its unsold units go back to the store, and later cancellations go there too', async () => {
    const { storeId, sale: s } = await sale(10, { stock: 10 });
    const t = env.trading();
    const paid = await t.buyFlashSale(s.id, { memberId: await env.member(), quantity: 1 });
    await t.pay(paid.id, { paymentRef: 'p', amount: 199_900 });
    env.clock.advance(50 * 60_000);
    const late = await t.buyFlashSale(s.id, { memberId: await env.member(), quantity: 1 }); // due 5 minutes after the end
    env.clock.advance(11 * 60_000);
    expect((await t.runExpiry()).salesEnded).toBeGreaterThanOrEqual(1); // other tests' sales end too
    expect(await t.getFlashSale(s.id)).toMatchObject({ status: 'ended', remaining: 0 });
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 8, held: 0, sold: 1, flashAllotted: 1, holds: 0 });
    await t.cancel(late.id); // the sale is closed: the unit goes to the store
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 9, held: 0, sold: 1, flashAllotted: 0, holds: 0 });
    await t.runExpiry();
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 9, held: 0, sold: 1, flashAllotted: 0, holds: 0 });
  });

  it('an unpaid order expiring during the sale gives its unit back to the sale before the end returns the rest', async () => {
    const { storeId, sale: s } = await sale(5, { stock: 5 });
    const t = env.trading();
    await t.buyFlashSale(s.id, { memberId: await env.member(), quantity: 1 });
    env.clock.advance(HOUR);
    await t.runExpiry();
    expect(await t.getFlashSale(s.id)).toMatchObject({ status: 'ended', remaining: 0 });
    expect(await env.counts(storeId, 'phone')).toEqual({ available: 5, held: 0, sold: 0, flashAllotted: 0, holds: 0 });
  });
});
