import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, startHarness, stockTotal, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const UNKNOWN = {
  ord: 'ord_01j9z3k5q8x7v2w4t6y8r0p2n4',
  mem: 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4',
  sto: 'sto_01j9z3k5q8x7v2w4t6y8r0p2n4',
};

describe('POST /orders', () => {
  it('prices the lines from the inventory, reserves them, and answers 201 with Location', async () => {
    const storeId = await h.store({ milk: [10, 1250], bread: [5, 800] });
    const memberId = await h.member();
    const res = await h.call('POST', '/orders', {
      body: {
        memberId,
        storeId,
        items: [
          { sku: 'milk', quantity: 2 },
          { sku: 'bread', quantity: 1 },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/orders/${res.json.id}`);
    expect(res.json).toMatchObject({
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
    });
    expect(res.json.id).toMatch(/^ord_[0-9a-z]{26}$/);
    expect(Date.parse(res.json.expiresAt) - Date.parse(res.json.createdAt)).toBe(15 * 60_000);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0 });
    expect(await h.counts(storeId, 'bread')).toEqual({ available: 4, held: 1, sold: 0, flashAllotted: 0 });
  });

  it('takes a coupon off and locks it', async () => {
    const storeId = await h.store({ wine: [3, 8800] });
    const memberId = await h.member();
    const couponId = await h.coupon(memberId, { value: 500, minSpend: 5000 });
    const res = await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'wine', quantity: 1 }], couponId } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ subtotal: 8800, discount: 500, total: 8300, couponId });
    expect(await h.couponStatus(couponId)).toBe('locked');
  });

  it('refuses more than is available with 409 out-of-stock and every count as it was', async () => {
    const storeId = await h.store({ milk: [10, 1250], bread: [1, 800] });
    const memberId = await h.member();
    const res = await h.call('POST', '/orders', {
      body: {
        memberId,
        storeId,
        items: [
          { sku: 'milk', quantity: 3 },
          { sku: 'bread', quantity: 2 },
        ],
      },
    });
    expect([res.status, res.json.code]).toEqual([409, 'out-of-stock']);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0 });
    expect(await h.counts(storeId, 'bread')).toEqual({ available: 1, held: 0, sold: 0, flashAllotted: 0 });
    expect((await h.call('GET', `/orders?memberId=${memberId}`)).json.items).toEqual([]);
  });

  it('refuses a coupon that is not the member’s, not available, or whose minimum spend is not met', async () => {
    const storeId = await h.store({ wine: [10, 8800] });
    const memberId = await h.member();
    const order = (couponId: string, quantity = 1, buyer = memberId) =>
      h.call('POST', '/orders', { body: { memberId: buyer, storeId, items: [{ sku: 'wine', quantity }], couponId } });

    const demanding = await h.coupon(memberId, { minSpend: 10_000 });
    expect((await order(demanding)).json.code).toBe('coupon-not-applicable');

    const someoneElses = await h.coupon(await h.member());
    const notMine = await order(someoneElses);
    expect([notMine.status, notMine.json.code]).toEqual([409, 'coupon-not-applicable']);

    const mine = await h.coupon(memberId);
    expect((await order(mine)).status).toBe(201);
    expect((await order(mine)).json.code).toBe('coupon-not-applicable'); // locked by the first order

    expect(await h.counts(storeId, 'wine')).toEqual({ available: 9, held: 1, sold: 0, flashAllotted: 0 });
    expect(await h.couponStatus(demanding)).toBe('available');
    expect(await h.couponStatus(someoneElses)).toBe('available');
  });

  it('answers 404 for an unknown or malformed member, store, sku or coupon, and holds nothing', async () => {
    const storeId = await h.store({ milk: [5, 1250] });
    const memberId = await h.member();
    const line = [{ sku: 'milk', quantity: 1 }];
    const cases = [
      { memberId: UNKNOWN.mem, storeId, items: line },
      { memberId: 'mem_nope', storeId, items: line },
      { memberId, storeId: UNKNOWN.sto, items: line },
      { memberId, storeId: 'not-a-store', items: line },
      { memberId, storeId, items: [...line, { sku: 'caviar', quantity: 1 }] },
      { memberId, storeId, items: line, couponId: 'cpn_01j9z3k5q8x7v2w4t6y8r0p2n4' },
      { memberId, storeId, items: line, couponId: 'cpn_x' },
    ];
    for (const body of cases) {
      const res = await h.call('POST', '/orders', { body });
      expect([res.status, res.json.code], JSON.stringify(body)).toEqual([404, 'not-found']);
    }
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 5, held: 0, sold: 0, flashAllotted: 0 });
  });

  it('refuses a sku listed twice with 400 naming the second line', async () => {
    const storeId = await h.store({ milk: [5, 1250] });
    const res = await h.call('POST', '/orders', {
      body: {
        memberId: await h.member(),
        storeId,
        items: [
          { sku: 'milk', quantity: 1 },
          { sku: 'milk', quantity: 2 },
        ],
      },
    });
    expect([res.status, res.json.code, fieldsOf(res)]).toEqual([400, 'validation-failed', ['items[1].sku']]);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 5, held: 0, sold: 0, flashAllotted: 0 });
  });

  it('reserves exactly what is there when 40 orders race for 7 units, never below zero', async () => {
    const storeId = await h.store({ milk: [7, 1250] });
    const memberId = await h.member();
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] } }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(7);
    expect(results.filter((r) => r.status !== 201).every((r) => r.json.code === 'out-of-stock')).toBe(true);
    const counts = await h.counts(storeId, 'milk');
    expect(counts).toEqual({ available: 0, held: 7, sold: 0, flashAllotted: 0 });
    expect(stockTotal(counts)).toBe(7);
  });
});

describe('GET /orders/{id} and GET /orders?memberId=', () => {
  it('reads an order, and lists a member’s orders newest first, page by page', async () => {
    const storeId = await h.store({ milk: [10, 1250] });
    const memberId = await h.member();
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const created = await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: i }] } });
      ids.push(created.json.id);
      expect((await h.call('GET', `/orders/${created.json.id}`)).json).toEqual(created.json);
    }
    const first = await h.call('GET', `/orders?memberId=${memberId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const rest = await h.call('GET', `/orders?memberId=${memberId}&limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(rest.json).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await h.call('GET', `/orders?memberId=${await h.member()}`)).json).toEqual({ items: [], nextCursor: null });
  });

  it('answers 404 for unknown and malformed order ids and an unknown member', async () => {
    expect((await h.call('GET', `/orders/${UNKNOWN.ord}`)).json.code).toBe('not-found');
    expect((await h.call('GET', '/orders/ord_123')).status).toBe(404);
    expect((await h.call('GET', `/orders/${'x'.repeat(300)}`)).status).toBe(404);
    expect((await h.call('GET', `/orders?memberId=${UNKNOWN.mem}`)).status).toBe(404);
  });

  it('refuses a missing or malformed memberId, a bad limit or cursor, an unknown parameter, by name', async () => {
    const missing = await h.call('GET', '/orders');
    expect([missing.status, missing.json.code, fieldsOf(missing)]).toEqual([400, 'validation-failed', ['memberId']]);
    expect(fieldsOf(await h.call('GET', '/orders?memberId=42'))).toEqual(['memberId']);
    const memberId = await h.member();
    expect(fieldsOf(await h.call('GET', `/orders?memberId=${memberId}&limit=0`))).toEqual(['limit']);
    expect(fieldsOf(await h.call('GET', `/orders?memberId=${memberId}&limit=101`))).toEqual(['limit']);
    expect(fieldsOf(await h.call('GET', `/orders?memberId=${memberId}&cursor=abc`))).toEqual(['cursor']);
    expect(fieldsOf(await h.call('GET', `/orders?memberId=${memberId}&status=paid`))).toEqual(['status']);
  });
});
