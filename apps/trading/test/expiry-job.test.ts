import { defineFunction, type JobOutcome } from '@retail/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

// The s.yaml timer trigger's job, end to end in-process: an FC timer event through the function's
// handler runs `expire-orders` (the clock is the harness's manual clock, moved past the deadline).

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const timerEvent = () => ({
  triggerName: 'expiry',
  triggerTime: new Date(h.clock.now()).toISOString(),
  payload: '{"job":"expire-orders"}',
});

describe('the expire-orders job', () => {
  it('expires an unpaid order after its deadline from an FC timer event: stock and coupon back, payment refused', async () => {
    const storeId = await h.store({ milk: [10, 1250] });
    const memberId = await h.member();
    const couponId = await h.coupon(memberId);
    const order = (
      await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: 3 }], couponId } })
    ).json;
    const paid = (await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] } })).json;
    await h.call('POST', `/orders/${paid.id}/payment`, { body: { paymentRef: 'wx-1', amount: paid.total } });
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 6, held: 3, sold: 1, flashAllotted: 0 });

    const entry = defineFunction(() => h.fn);
    const early: JobOutcome = await entry.handler(timerEvent());
    expect(early).toMatchObject({ job: 'expire-orders', ok: true });
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 6, held: 3, sold: 1, flashAllotted: 0 });

    h.clock.advance(15 * 60_000);
    const outcome: JobOutcome = await entry.handler(timerEvent());
    expect(outcome).toMatchObject({ job: 'expire-orders', ok: true, result: { ordersExamined: 1, creationsUndone: 0 } });
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 9, held: 0, sold: 1, flashAllotted: 0 });
    expect(await h.couponStatus(couponId)).toBe('available');
    expect((await h.call('GET', `/orders/${order.id}`)).json.status).toBe('expired');
    expect((await h.call('GET', `/orders/${paid.id}`)).json.status).toBe('paid');

    const pay = await h.call('POST', `/orders/${order.id}/payment`, { body: { paymentRef: 'wx-2', amount: order.total } });
    expect([pay.status, pay.json.code]).toEqual([409, 'not-payable']);
    const cancel = await h.call('POST', `/orders/${order.id}/cancellation`);
    expect([cancel.status, cancel.json.code]).toEqual([409, 'not-cancellable']);
  });

  it('ends a flash sale after its end: purchases refused, unsold units back in the store', async () => {
    const storeId = await h.store({ tv: [10, 100] });
    const sale = await h.flashSale(storeId, 'tv', {
      quantity: 6,
      startsAt: new Date(h.clock.now()).toISOString(),
      endsAt: new Date(h.clock.now() + 60_000).toISOString(),
    });
    const bought = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 2 } });
    await h.call('POST', `/orders/${bought.json.id}/payment`, { body: { paymentRef: 'ali-1', amount: bought.json.total } });
    h.clock.advance(60_000);
    const late = await h.call('POST', `/flash-sales/${sale.id}/orders`, { body: { memberId: await h.member(), quantity: 1 } });
    expect([late.status, late.json.code]).toEqual([409, 'campaign-not-active']);

    const outcome = await defineFunction(() => h.fn).handler(timerEvent());
    expect(outcome).toMatchObject({ ok: true, result: { salesEnded: 1, unitsReturned: 4 } });
    expect(await h.counts(storeId, 'tv')).toEqual({ available: 8, held: 0, sold: 2, flashAllotted: 0 });
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json).toMatchObject({ status: 'ended', remaining: 0 });
  });

  it('answers an unknown job as a failed invocation', async () => {
    const outcome = await defineFunction(() => h.fn).handler({ ...timerEvent(), payload: '{"job":"nope"}' });
    expect(outcome).toMatchObject({ job: 'nope', ok: false });
  });
});
