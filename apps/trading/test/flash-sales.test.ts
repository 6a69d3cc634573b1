import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, stockTotal, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const UNKNOWN = {
  fls: 'fls_01j9z3k5q8x7v2w4t6y8r0p2n4',
  mem: 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4',
  sto: 'sto_01j9z3k5q8x7v2w4t6y8r0p2n4',
};

describe('POST /flash-sales and GET /flash-sales/{id}', () => {
  it('sets the quantity aside from the inventory and answers 201 with Location and remaining', async () => {
    const storeId = await h.store({ tv: [30, 399_900] });
    const sale = await h.flashSale(storeId, 'tv', { price: 199_900, quantity: 20, perMemberLimit: 1 });
    expect(sale).toMatchObject({
      storeId,
      sku: 'tv',
      name: 'Item tv',
      price: 199_900,
      quantity: 20,
      perMemberLimit: 1,
      remaining: 20,
    });
    expect(sale.status).toBe('running');
    expect(sale.id).toMatch(/^fls_[0-9a-z]{26}$/);
    expect(await h.counts(storeId, 'tv')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 20 });
    const read = await h.call('GET', `/flash-sales/${sale.id}`);
    expect([read.status, read.json]).toEqual([200, sale]);
  });

  it('answers the Location of the new sale', async () => {
    const storeId = await h.store({ tv: [5, 100] });
    const res = await h.call('POST', '/flash-sales', {
      channel: 'admin',
      body: {
        storeId,
        sku: 'tv',
        price: 50,
        quantity: 5,
        perMemberLimit: 1,
        startsAt: new Date(h.clock.now()).toISOString(),
        endsAt: new Date(h.clock.now() + 60_000).toISOString(),
      },
    });
    expect([res.status, res.headers.get('location')]).toEqual([201, `/flash-sales/${res.json.id}`]);
  });

  it('refuses more than the store has with 409 out-of-stock, and unknown stores and skus with 404', async () => {
    const storeId = await h.store({ tv: [3, 100] });
    const create = (overrides: Record<string, unknown>) =>
      h.call('POST', '/flash-sales', {
        channel: 'admin',
        body: {
          storeId,
          sku: 'tv',
          price: 50,
          quantity: 4,
          perMemberLimit: 1,
          startsAt: new Date(h.clock.now()).toISOString(),
          endsAt: new Date(h.clock.now() + 60_000).toISOString(),
          ...overrides,
        },
      });
    const short = await create({});
    expect([short.status, short.json.code]).toEqual([409, 'out-of-stock']);
    expect(await h.counts(storeId, 'tv')).toEqual({ available: 3, held: 0, sold: 0, flashAllotted: 0 });
    expect((await create({ storeId: UNKNOWN.sto, quantity: 1 })).status).toBe(404);
    expect((await create({ storeId: 'sto_1', quantity: 1 })).status).toBe(404);
    expect((await create({ sku: 'radio', quantity: 1 })).json.code).toBe('not-found');
  });

  it('refuses an end already past', async () => {
    const storeId = await h.store({ tv: [3, 100] });
    const res = await h.call('POST', '/flash-sales', {
      channel: 'admin',
      body: {
        storeId,
        sku: 'tv',
        price: 1,
        quantity: 1,
        perMemberLimit: 1,
        startsAt: '2020-01-01T00:00:00Z',
        endsAt: '2020-01-02T00:00:00Z',
      },
    });
    expect([res.status, res.json.errors[0].field]).toEqual([400, 'endsAt']);
  });

  it('answers 404 for unknown and malformed sale ids', async () => {
    expect((await h.call('GET', `/flash-sales/${UNKNOWN.fls}`)).json.code).toBe('not-found');
    expect((await h.call('GET', '/flash-sales/ord_01j9z3k5q8x7v2w4t6y8r0p2n4')).status).toBe(404);
  });
});

describe('POST /flash-sales/{id}/orders', () => {
  it('answers 201 with an order at the flash price, and a sale that pays and cancels like any order', async () => {
    const storeId = await h.store({ tv: [10, 399_900] });
    const sale = await h.flashSale(storeId, 'tv', { price: 199_900, quantity: 5, perMemberLimit: 2 });
    const memberId = await h.member();
    const res = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId, quantity: 2 } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/orders/${res.json.id}`);
    expect(res.json).toMatchObject({
      memberId,
      storeId,
      flashSaleId: sale.id,
      items: [{ sku: 'tv', price: 199_900, quantity: 2, subtotal: 399_800 }],
      total: 399_800,
      status: 'pending-payment',
    });
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(3);
    const paid = await h.call('POST', `/orders/${res.json.id}/payment`, { body: { paymentRef: 'ali-1', amount: 399_800 } });
    expect(paid.json.status).toBe('paid');
    expect(await h.counts(storeId, 'tv')).toEqual({ available: 5, held: 0, sold: 2, flashAllotted: 3 });

    const other = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 1 } });
    await h.call('POST', `/orders/${other.json.id}/cancellation`);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(3);
  });

  it('refuses past the member’s limit with 409 limit-reached, and an empty sale with 409 sold-out', async () => {
    const storeId = await h.store({ tv: [10, 100] });
    const sale = await h.flashSale(storeId, 'tv', { quantity: 3, perMemberLimit: 2 });
    const memberId = await h.member();
    expect((await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId, quantity: 2 } })).status).toBe(201);
    const over = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId, quantity: 1 } });
    expect([over.status, over.json.code]).toEqual([409, 'limit-reached']);
    const tooMany = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 3 } });
    expect(tooMany.json.code).toBe('limit-reached');
    expect(
      (await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 1 } })).status,
    ).toBe(201);
    const gone = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 1 } });
    expect([gone.status, gone.json.code]).toEqual([409, 'sold-out']);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(0);
  });

  it('refuses before the sale starts with 409 campaign-not-active', async () => {
    const storeId = await h.store({ tv: [10, 100] });
    const sale = await h.flashSale(storeId, 'tv', {
      startsAt: new Date(h.clock.now() + 3_600_000).toISOString(),
      endsAt: new Date(h.clock.now() + 7_200_000).toISOString(),
    });
    expect(sale.status).toBe('scheduled');
    const res = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 1 } });
    expect([res.status, res.json.code]).toEqual([409, 'campaign-not-active']);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(10);
  });

  it('answers 404 for an unknown sale or member, malformed or not, and sells nothing', async () => {
    const storeId = await h.store({ tv: [10, 100] });
    const sale = await h.flashSale(storeId, 'tv', { quantity: 4 });
    const memberId = await h.member();
    expect((await h.call('POST', `/flash-sales/${UNKNOWN.fls}/orders`, { body: { memberId, quantity: 1 } })).status).toBe(404);
    expect((await h.call('POST', '/flash-sales/fls_/orders', { body: { memberId, quantity: 1 } })).status).toBe(404);
    expect(
      (await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: UNKNOWN.mem, quantity: 1 } })).status,
    ).toBe(404);
    expect((await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: 'li-lei', quantity: 1 } })).status).toBe(
      404,
    );
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(4);
  });

  it('sells exactly the quantity when 150 members race for 20 units, each within the limit', async () => {
    const storeId = await h.store({ tv: [25, 100] });
    const sale = await h.flashSale(storeId, 'tv', { quantity: 20, perMemberLimit: 1 });
    const members = await Promise.all(Array.from({ length: 150 }, () => h.member()));
    // A 503 means nothing was bought and the buyer may retry: a buyer presses again until answered.
    const buy = async (memberId: string) => {
      for (;;) {
        const res = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId, quantity: 1 } });
        if (res.status !== 503) return res;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const results = await Promise.all(members.map(buy));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status !== 201).every((r) => r.json.code === 'sold-out')).toBe(true);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(0);
    expect(stockTotal(await h.counts(storeId, 'tv'))).toBe(25);
  });
});
