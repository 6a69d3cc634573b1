import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyingInstance, type DeathPoint } from './support/dying-instance.js';
import { startHarness, type Harness } from './support/harness.js';

// A POST /orders or POST /flash-sales/{id}/orders whose answer was lost, retried with the same
// Idempotency-Key: after its instance died halfway (the claim lapses, the retry takes over), or
// after a 503 for a write of unknown outcome. The retry answers the one order the first attempt
// started, and every count is what that one order holds (decision 0011).

let h: Harness;
let dying: DyingInstance;
beforeAll(async () => {
  h = await startHarness();
  dying = await DyingInstance.start(h);
});
afterAll(async () => {
  await h.stop();
  await dying.stop();
});

const LAPSE_MS = 10_001; // the function timeout: a dead instance's claim lapses
let keys = 0;

async function orderSetup() {
  const storeId = await h.store({ milk: [10, 1250], eggs: [10, 800] });
  const memberId = await h.member();
  const couponId = await h.coupon(memberId, { value: 300 });
  const body = {
    memberId,
    storeId,
    couponId,
    items: [
      { sku: 'milk', quantity: 2 },
      { sku: 'eggs', quantity: 3 },
    ],
  };
  return { storeId, memberId, couponId, body, headers: { 'idempotency-key': `order-retry-${++keys}` } };
}

async function expectOneOrder(s: Awaited<ReturnType<typeof orderSetup>>, id: string) {
  const orders = (await h.call('GET', `/orders?memberId=${s.memberId}`)).json.items;
  expect(orders.map((o: { id: string }) => o.id)).toEqual([id]);
  expect(await h.counts(s.storeId, 'milk')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0 });
  expect(await h.counts(s.storeId, 'eggs')).toEqual({ available: 7, held: 3, sold: 0, flashAllotted: 0 });
  expect(await h.couponStatus(s.couponId)).toBe('locked');
}

async function flashSetup() {
  const storeId = await h.store({ tv: [50, 9900] });
  const sale = await h.flashSale(storeId, 'tv', { quantity: 40, perMemberLimit: 1 }); // 2 shards
  const memberId = await h.member();
  const path = `/flash-sales/${sale.id}/orders`;
  return {
    storeId,
    saleId: sale.id,
    memberId,
    path,
    body: { memberId, quantity: 1 },
    headers: { 'idempotency-key': `buy-retry-${++keys}` },
  };
}

async function expectOneUnitSold(s: Awaited<ReturnType<typeof flashSetup>>, id: string) {
  const orders = (await h.call('GET', `/orders?memberId=${s.memberId}`)).json.items;
  expect(orders.map((o: { id: string }) => o.id)).toEqual([id]);
  expect((await h.call('GET', `/flash-sales/${s.saleId}`)).json.remaining).toBe(39);
  // The member's limit of 1 is taken by that order: another purchase (another key) is refused.
  const more = await h.call('POST', s.path, {
    body: s.body,
    headers: { 'idempotency-key': `${s.headers['idempotency-key']}-more` },
  });
  expect([more.status, more.json.code]).toEqual([409, 'limit-reached']);
}

describe('POST /orders retried after the instance died', () => {
  const deaths: Array<[string, DeathPoint]> = [
    ['after the deadline row', { operation: 'PutRow', table: 'order_deadlines' }],
    ['after a line is held', { operation: 'UpdateRow', table: 'inventory' }],
    ['after the coupon is locked', { operation: 'UpdateRow', table: 'coupons' }],
    ['after the order row', { operation: 'PutRow', table: 'orders' }],
  ];
  for (const [step, at] of deaths) {
    it(`${step}: the retry answers the one order, holding what one order holds`, async () => {
      const s = await orderSetup();
      await dying.dieDuring(at, '/orders', s.body, s.headers);
      if (at === deaths[0]![1]) {
        // Until the claim lapses, the dead attempt looks like a slow one: a retry is told to wait.
        const early = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
        expect([early.status, early.json.code]).toEqual([409, 'idempotency-in-progress']);
      }
      h.clock.advance(LAPSE_MS);
      const retried = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
      expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, null]);
      expect(retried.json).toMatchObject({ status: 'pending-payment', total: 2 * 1250 + 3 * 800 - 300, couponId: s.couponId });
      await expectOneOrder(s, retried.json.id);
      const replayed = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
      expect([replayed.status, replayed.json, replayed.headers.get('idempotent-replayed')]).toEqual([201, retried.json, 'true']);
    });
  }
});

describe('POST /flash-sales/{id}/orders retried after the instance died', () => {
  const deaths: Array<[string, DeathPoint]> = [
    ['after taking the unit', { operation: 'UpdateRow', table: 'flash_sale_shards' }],
    ['after counting it for the member', { operation: 'UpdateRow', table: 'flash_sale_buyers' }],
    ['after the deadline row', { operation: 'PutRow', table: 'order_deadlines' }],
    ['after the order row', { operation: 'PutRow', table: 'orders' }],
  ];
  for (const [step, at] of deaths) {
    it(`${step}: the retry answers the one order; one unit sold, the member's limit of 1 not refused`, async () => {
      const s = await flashSetup();
      await dying.dieDuring(at, s.path, s.body, s.headers);
      h.clock.advance(LAPSE_MS);
      const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
      expect([retried.status, retried.json.status, retried.json.flashSaleId]).toEqual([201, 'pending-payment', s.saleId]);
      await expectOneUnitSold(s, retried.json.id);
    });
  }
});

describe('a 503 for a write of unknown outcome, then a retry with the same key', () => {
  it('POST /orders: the order row landed, its answer was lost; the retry answers that order', async () => {
    const s = await orderSetup();
    await h.faults.set([{ id: 'lost', fault: 'lose-response', operation: 'PutRow', table: 'orders', times: 1 }]);
    const lost = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
    await h.faults.clear();
    expect([lost.status, lost.json.code]).toEqual([503, 'storage-unavailable']);
    const retried = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, null]);
    await expectOneOrder(s, retried.json.id);
  });

  it('POST /flash-sales/{id}/orders: the same, with a limit of 1 and the unit not taken twice', async () => {
    const s = await flashSetup();
    await h.faults.set([{ id: 'lost', fault: 'lose-response', operation: 'PutRow', table: 'orders', times: 1 }]);
    const lost = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    await h.faults.clear();
    expect([lost.status, lost.json.code]).toEqual([503, 'storage-unavailable']);
    const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    expect(retried.status).toBe(201);
    await expectOneUnitSold(s, retried.json.id);
  });
});

describe('after the order ended', () => {
  it('a retry after the first order expired (its answer lost) answers that order, expired, and holds nothing', async () => {
    const s = await orderSetup();
    await dying.dieDuring({ operation: 'PutRow', table: 'orders' }, '/orders', s.body, s.headers);
    h.clock.advance(15 * 60_000);
    await h.fn.trading.runExpiry();
    const retried = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
    expect([retried.status, retried.json.status]).toEqual([201, 'expired']);
    expect(await h.counts(s.storeId, 'milk')).toEqual({ available: 10, held: 0, sold: 0, flashAllotted: 0 });
    expect(await h.couponStatus(s.couponId)).toBe('available');
  });

  it('a retry past the payment window with no order made makes one new order (its successor), and replays it', async () => {
    const s = await orderSetup();
    await dying.dieDuring({ operation: 'UpdateRow', table: 'coupons' }, '/orders', s.body, s.headers);
    h.clock.advance(15 * 60_000);
    const retried = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
    expect([retried.status, retried.json.status, retried.json.createdAt]).toEqual([
      201,
      'pending-payment',
      new Date(h.clock.now()).toISOString(),
    ]);
    await h.fn.trading.runExpiry(); // the dead attempt's deadline row: nothing left to give back
    await expectOneOrder(s, retried.json.id);
    const replayed = await h.call('POST', '/orders', { body: s.body, headers: s.headers });
    expect([replayed.status, replayed.json, replayed.headers.get('idempotent-replayed')]).toEqual([201, retried.json, 'true']);
  });
});
