import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, startHarness, type Harness } from './support/harness.js';

// Every bad input gets a specific problem and changes nothing (API.md, Conventions).

let h: Harness;
let storeId: string;
let memberId: string;
beforeAll(async () => {
  h = await startHarness();
  storeId = await h.store({ milk: [10, 1250] });
  memberId = await h.member();
});
afterAll(() => h.stop());

const untouched = { available: 10, held: 0, sold: 0, flashAllotted: 0 };

describe('POST /orders bodies', () => {
  it('names every bad field, nested lines included', async () => {
    const res = await h.call('POST', '/orders', {
      body: { memberId, storeId, items: [{ sku: 'milk', quantity: 0 }, { sku: '', quantity: 1.5 }, { quantity: 100 }] },
    });
    expect([res.status, res.json.code]).toEqual([400, 'validation-failed']);
    expect(fieldsOf(res)).toEqual([
      'items[0].quantity',
      'items[1].quantity',
      'items[1].sku',
      'items[2].quantity',
      'items[2].sku',
    ]);
    expect(res.json.errors.find((e: { field: string }) => e.field === 'items[0].quantity').messages.length).toBeGreaterThan(0);
    expect(await h.counts(storeId, 'milk')).toEqual(untouched);
  });

  it('refuses no lines, more than 50 lines, a missing member and store', async () => {
    expect(fieldsOf(await h.call('POST', '/orders', { body: { memberId, storeId, items: [] } }))).toEqual(['items']);
    const many = Array.from({ length: 51 }, (_, i) => ({ sku: `s${i}`, quantity: 1 }));
    expect(fieldsOf(await h.call('POST', '/orders', { body: { memberId, storeId, items: many } }))).toEqual(['items']);
    expect(fieldsOf(await h.call('POST', '/orders', { body: { items: 'milk' } }))).toEqual(['items', 'memberId', 'storeId']);
  });

  it('refuses unknown properties by name, at the top and inside a line', async () => {
    const res = await h.call('POST', '/orders', {
      body: { memberId, storeId, items: [{ sku: 'milk', quantity: 1, price: 1 }], total: 1 },
    });
    expect([res.status, fieldsOf(res)]).toEqual([400, ['items[0].price', 'total']]);
    expect(await h.counts(storeId, 'milk')).toEqual(untouched);
  });

  it('refuses a JSON body that is not an object, malformed JSON, and a body over 1 MiB', async () => {
    const array = await h.call('POST', '/orders', { body: '[{"sku":"milk","quantity":1}]' });
    expect([array.status, array.json.code]).toEqual([400, 'validation-failed']);
    const broken = await h.call('POST', '/orders', { body: '{"memberId":' });
    expect([broken.status, broken.json.code]).toEqual([400, 'invalid-json']);
    const huge = await h.call('POST', '/orders', {
      body: { memberId, storeId, items: [{ sku: 'milk', quantity: 1 }], couponId: 'x'.repeat(1024 * 1024) },
    });
    expect([huge.status, huge.json.code]).toEqual([413, 'payload-too-large']);
    expect(await h.counts(storeId, 'milk')).toEqual(untouched);
  });
});

describe('payment, cancellation and flash-sale bodies', () => {
  it('names a bad paymentRef and amount, and unknown properties', async () => {
    const order = (await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] } })).json;
    const bad = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: '', amount: -1 } });
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['amount', 'paymentRef']]);
    const long = await h.call('POST', `/orders/${order.id}/payment`, {
      body: { paymentRef: 'p'.repeat(65), amount: 12.5, tip: 1 },
    });
    expect(fieldsOf(long)).toEqual(['amount', 'paymentRef', 'tip']);
    const cancel = await h.call('POST', `/orders/${order.id}/cancellation`, { body: { reason: 'changed my mind' } });
    expect([cancel.status, fieldsOf(cancel)]).toEqual([400, ['reason']]);
    expect((await h.call('POST', `/orders/${order.id}/cancellation`, { body: '[]' })).json.code).toBe('validation-failed');
    expect((await h.call('GET', `/orders/${order.id}`)).json.status).toBe('pending-payment');
  });

  it('names every bad field of a flash sale and of a purchase', async () => {
    const res = await h.call('POST', '/flash-sales', {
      channel: 'admin',
      body: {
        storeId,
        sku: 'milk',
        price: -1,
        quantity: 1_000_001,
        perMemberLimit: 100,
        startsAt: '2026-11-11 00:00',
        endsAt: '2026-11-11T00:00:00+08:00',
      },
    });
    expect(fieldsOf(res)).toEqual(['endsAt', 'perMemberLimit', 'price', 'quantity', 'startsAt']);
    const backwards = await h.call('POST', '/flash-sales', {
      channel: 'admin',
      body: {
        storeId,
        sku: 'milk',
        price: 1,
        quantity: 1,
        perMemberLimit: 1,
        startsAt: '2030-01-02T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      },
    });
    expect(fieldsOf(backwards)).toEqual(['endsAt']);
    const sale = await h.flashSale(storeId, 'milk', { quantity: 2 });
    const buy = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId, quantity: 0, coupon: 'x' } });
    expect(fieldsOf(buy)).toEqual(['coupon', 'quantity']);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(2);
  });
});
