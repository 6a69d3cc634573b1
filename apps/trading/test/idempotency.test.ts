import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

// Idempotency-Key on POST /orders, POST /orders/{id}/payment and POST /flash-sales/{id}/orders (API.md).

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('Idempotency-Key', () => {
  it('5 concurrent order creations with one key make exactly one order', async () => {
    const storeId = await h.store({ milk: [10, 1250] });
    const memberId = await h.member();
    const body = { memberId, storeId, items: [{ sku: 'milk', quantity: 2 }] };
    const headers = { 'idempotency-key': `order-${memberId}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => h.call('POST', '/orders', { body, headers })));

    const orders = (await h.call('GET', `/orders?memberId=${memberId}`)).json.items;
    expect(orders).toHaveLength(1);
    for (const r of results) {
      if (r.status === 409) expect(r.json.code).toBe('idempotency-in-progress');
      else expect([r.status, r.json]).toEqual([201, orders[0]]);
    }
    expect(results.some((r) => r.status === 201)).toBe(true);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0 });

    const replay = await h.call('POST', '/orders', { body, headers });
    expect([replay.status, replay.json, replay.headers.get('idempotent-replayed')]).toEqual([201, orders[0], 'true']);
    expect(replay.headers.get('location')).toBe(`/orders/${orders[0].id}`);
    const reused = await h.call('POST', '/orders', { body: { ...body, items: [{ sku: 'milk', quantity: 3 }] }, headers });
    expect([reused.status, reused.json.code]).toEqual([422, 'idempotency-key-reused']);
    expect((await h.call('GET', `/orders?memberId=${memberId}`)).json.items).toHaveLength(1);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0 });
  });

  it('replays a refusal too: the same key answers the same out-of-stock, marked replayed', async () => {
    const storeId = await h.store({ milk: [1, 1250] });
    const memberId = await h.member();
    const headers = { 'idempotency-key': `short-${memberId}` };
    const body = { memberId, storeId, items: [{ sku: 'milk', quantity: 2 }] };
    expect((await h.call('POST', '/orders', { body, headers })).json.code).toBe('out-of-stock');
    const replay = await h.call('POST', '/orders', { body, headers });
    expect([replay.status, replay.json.code, replay.headers.get('idempotent-replayed')]).toEqual([409, 'out-of-stock', 'true']);
  });

  it('keys are per channel app: the same key from another channel is another request', async () => {
    const storeId = await h.store({ milk: [10, 1250] });
    const memberId = await h.member();
    const body = { memberId, storeId, items: [{ sku: 'milk', quantity: 1 }] };
    const headers = { 'idempotency-key': 'shared-key' };
    const a = await h.call('POST', '/orders', { body, headers, channel: 'wechat' });
    const b = await h.call('POST', '/orders', { body, headers, channel: 'alipay' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).not.toBe(b.json.id);
  });

  it('a retried payment and a retried flash purchase apply once', async () => {
    const storeId = await h.store({ milk: [10, 1250], tv: [5, 9900] });
    const memberId = await h.member();
    const order = (await h.call('POST', '/orders', { body: { memberId, storeId, items: [{ sku: 'milk', quantity: 4 }] } })).json;
    const pay = () =>
      h.call('POST', `/orders/${order.id}/payment`, {
        body: { paymentRef: 'wx-9', amount: order.total },
        headers: { 'idempotency-key': `pay-${order.id}` },
      });
    const [first, second] = [await pay(), await pay()];
    expect([first.status, second.status, second.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect((await h.members.get(memberId)).points).toBe(50);

    const sale = await h.flashSale(storeId, 'tv', { quantity: 5, perMemberLimit: 2 });
    const buy = () =>
      h.call('POST', `/flash-sales/${sale.id}/orders`, {
        body: { memberId, quantity: 1 },
        headers: { 'idempotency-key': `buy-${memberId}` },
      });
    const bought = await Promise.all([buy(), buy(), buy()]);
    expect(bought.every((r) => r.status === 201 || r.json.code === 'idempotency-in-progress')).toBe(true);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(4);
  });
});
