import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTradingEnv, type TradingEnv } from '../support/env.js';

// At a peak every buyer names the same sale: one process reads its row once, not once a purchase
// (its row would be one hot read in Tablestore), and nothing it kept lets a purchase through late.

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

const HOUR = 3_600_000;

describe('a running flash sale, kept per process', () => {
  it('is read once for many purchases, and refuses them by time once it has ended', async () => {
    const storeId = await env.store();
    await env.stock(storeId, 'tv', 20, 599_900);
    const now = env.clock.now();
    const created = await env.trading().createFlashSale({
      storeId,
      sku: 'tv',
      price: 299_900,
      quantity: 10,
      perMemberLimit: 1,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + HOUR).toISOString(),
    });
    let saleReads = 0;
    const sales = env.tables.sales;
    const counted = { ...sales, get: (...args: Parameters<typeof sales.get>) => (saleReads++, sales.get(...args)) };
    const t = env.trading({ tables: { sales: counted } });

    const buyers = await Promise.all(Array.from({ length: 6 }, () => env.member()));
    await t.buyFlashSale(created.id, { memberId: buyers[0]!, quantity: 1 });
    await Promise.all(buyers.slice(1).map((memberId) => t.buyFlashSale(created.id, { memberId, quantity: 1 })));
    expect((await t.getFlashSale(created.id)).remaining).toBe(4);
    expect(saleReads).toBe(1);

    env.clock.advance(HOUR + 11 * 60_000);
    await env.trading().runExpiry(); // another process ends the sale: its shards drained, its units back in the store
    const late = await env.member();
    await expect(t.buyFlashSale(created.id, { memberId: late, quantity: 1 })).rejects.toMatchObject({
      code: 'campaign-not-active',
    });
    expect(await t.getFlashSale(created.id)).toMatchObject({ status: 'ended', remaining: 0 });
    expect(saleReads).toBe(1);
  });
});
