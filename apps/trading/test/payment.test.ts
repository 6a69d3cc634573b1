import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const UNKNOWN_ORDER = 'ord_01j9z3k5q8x7v2w4t6y8r0p2n4';

/** A store with 10 milk at 12.50 yuan, a member, and an order of theirs for `quantity` milk (and a coupon, if asked). */
async function pendingOrder(quantity = 3, withCoupon = false): Promise<{ order: Json; storeId: string; memberId: string }> {
  const storeId = await h.store({ milk: [10, 1250] });
  const memberId = await h.member();
  const couponId = withCoupon ? await h.coupon(memberId, { value: 500 }) : undefined;
  const res = await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity }], couponId } });
  expect(res.status).toBe(201);
  return { order: res.json, storeId, memberId };
}

describe('POST /orders/{id}/payment', () => {
  it('pays the order: stock sold, coupon used, one point per whole yuan, once however often it is retried', async () => {
    const { order, storeId, memberId } = await pendingOrder(3, true);
    expect(order.total).toBe(3250);
    const paid = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-1', amount: 3250 } });
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ id: order.id, status: 'paid', paymentRef: 'wx-1' });
    expect(new Date(paid.json.paidAt).toISOString()).toBe(paid.json.paidAt);
    const again = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-1', amount: 3250 } });
    expect([again.status, again.json]).toEqual([200, paid.json]);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 7, held: 0, sold: 3, flashAllotted: 0 });
    expect(await h.couponStatus(order.couponId)).toBe('used');
    expect((await h.members.get(memberId)).points).toBe(32);
    expect((await h.call('GET', `/orders/${order.id}`)).json).toEqual(paid.json);
  });

  it('refuses another amount with 409 amount-mismatch and leaves the order payable', async () => {
    const { order } = await pendingOrder();
    const res = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-2', amount: order.total - 1 } });
    expect([res.status, res.json.code]).toEqual([409, 'amount-mismatch']);
    expect((await h.call('GET', `/orders/${order.id}`)).json.status).toBe('pending-payment');
    expect(
      (await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-2', amount: order.total } })).status,
    ).toBe(200);
  });

  it('refuses an order paid with another paymentRef, and a cancelled one, with 409 not-payable', async () => {
    const { order, memberId } = await pendingOrder();
    await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-3', amount: order.total } });
    const other = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-4', amount: order.total } });
    expect([other.status, other.json.code]).toEqual([409, 'not-payable']);
    expect((await h.members.get(memberId)).points).toBe(37);

    const { order: cancelled } = await pendingOrder();
    await h.call('POST', `/orders/${cancelled.id}/cancellation`);
    const late = await h.call('POST', `/orders/${cancelled.id}/payment`, {
      body: { paymentRef: 'wx-5', amount: cancelled.total },
    });
    expect([late.status, late.json.code]).toEqual([409, 'not-payable']);
  });

  it('answers 404 for an unknown or malformed order', async () => {
    const body = { paymentRef: 'wx-6', amount: 100 };
    expect((await h.call('POST', `/orders/${UNKNOWN_ORDER}/payment`, { body })).json.code).toBe('not-found');
    expect((await h.call('POST', '/orders/fls_01j9z3k5q8x7v2w4t6y8r0p2n4/payment', { body })).status).toBe(404);
  });
});

describe('POST /orders/{id}/cancellation', () => {
  it('cancels with no body or an empty object: stock released, coupon available again', async () => {
    const { order, storeId } = await pendingOrder(4, true);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 6, held: 4, sold: 0, flashAllotted: 0 });
    const res = await h.call('POST', `/orders/${order.id}/cancellation`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: order.id, status: 'cancelled' });
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0 });
    expect(await h.couponStatus(order.couponId)).toBe('available');
    const again = await h.call('POST', `/orders/${order.id}/cancellation`, { body: {} });
    expect([again.status, again.json.status]).toEqual([200, 'cancelled']);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0 });
  });

  it('refuses a paid order with 409 not-cancellable and keeps it sold', async () => {
    const { order, storeId } = await pendingOrder(2);
    await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-7', amount: order.total } });
    const res = await h.call('POST', `/orders/${order.id}/cancellation`, { body: {} });
    expect([res.status, res.json.code]).toEqual([409, 'not-cancellable']);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 8, held: 0, sold: 2, flashAllotted: 0 });
  });

  it('answers 404 for an unknown or malformed order', async () => {
    expect((await h.call('POST', `/orders/${UNKNOWN_ORDER}/cancellation`)).status).toBe(404);
    expect((await h.call('POST', '/orders/123/cancellation')).json.code).toBe('not-found');
  });
});
