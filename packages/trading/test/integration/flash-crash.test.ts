import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTradingEnv, stockTotal, type TradingEnv } from '../support/env.js';

// A purchase that dies after taking units, or after counting them against the member's limit,
// leaves holds and no order; the expiry job's sweep gives them back once the repair window passed.

let env: TradingEnv;
beforeAll(async () => {
  env = await startTradingEnv();
});
afterAll(() => env.stop());

async function running(quantity: number) {
  const storeId = await env.store();
  await env.stock(storeId, 'tv', quantity);
  const now = env.clock.now();
  const sale = await env.trading().createFlashSale({
    storeId,
    sku: 'tv',
    price: 99_900,
    quantity,
    perMemberLimit: 1,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
  });
  return { storeId, saleId: sale.id };
}

describe('a crash during a flash purchase', () => {
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
      step: 'before the order row',
      fault: () => ({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'before' }).table } }),
    },
  ];
  for (const { step, fault } of steps) {
    it(`${step}: the sweep gives the unit and the member's count back`, async () => {
      const { storeId, saleId } = await running(3);
      const memberId = await env.member();
      await expect(env.trading(fault()).buyFlashSale(saleId, { memberId, quantity: 1 })).rejects.toBeInstanceOf(SimulatedCrash);
      expect((await env.trading().getFlashSale(saleId)).remaining).toBe(2);
      await env.trading().runExpiry(); // too early: the request might still be running
      expect((await env.trading().getFlashSale(saleId)).remaining).toBe(2);
      env.clock.advance(61_000);
      await env.trading().runExpiry();
      expect((await env.trading().getFlashSale(saleId)).remaining).toBe(3);
      const again = await env.trading().buyFlashSale(saleId, { memberId, quantity: 1 }); // the limit of 1 is free again
      expect(again.status).toBe('pending-payment');
      expect(stockTotal(await env.counts(storeId, 'tv'))).toBe(3);
    });
  }

  it('after the order row: the order stands and expires like any other, its unit back in the sale', async () => {
    const { saleId } = await running(3);
    const memberId = await env.member();
    const broken = env.trading({ tables: { orders: withFault(env.tables.orders, { method: 'put', crash: 'after' }).table } });
    await expect(broken.buyFlashSale(saleId, { memberId, quantity: 1 })).rejects.toBeInstanceOf(SimulatedCrash);
    const [order] = (await env.trading().list(memberId, { limit: 5 })).items;
    expect(order?.status).toBe('pending-payment');
    env.clock.advance(15 * 60_000);
    await env.trading().runExpiry();
    expect((await env.trading().get(order?.id as string)).status).toBe('expired');
    expect((await env.trading().getFlashSale(saleId)).remaining).toBe(3);
  });
});
