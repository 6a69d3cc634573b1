import type { FaultRule } from '@retail/ots-local';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Response } from './support/harness.js';

// Clients that retry one request with one Idempotency-Key, all at once, while storage loses answers
// and refuses calls: every 201 they get names the same order, and the counts are one order's.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const CLIENTS = 8;
const DOMAIN_TABLES = [
  'inventory',
  'coupons',
  'orders',
  'member_orders',
  'order_deadlines',
  'flash_sale_shards',
  'flash_sale_buyers',
];
// Faults on the function's own tables; the idempotency records stay reachable, so every failed
// attempt releases its claim and the next retry resumes it (a claim that lapsed is tested apart).
const FAULTS: FaultRule[] = DOMAIN_TABLES.flatMap((table) => [
  { id: `lost-put-${table}`, fault: 'lose-response' as const, operation: 'PutRow', table, probability: 0.25 },
  { id: `lost-update-${table}`, fault: 'lose-response' as const, operation: 'UpdateRow', table, probability: 0.25 },
  { id: `busy-${table}`, fault: 'error' as const, error: 'OTSServerBusy' as const, table, probability: 0.1 },
]);

/** One client: the same request until it is answered with something other than "retry". */
async function persist(send: () => Promise<Response>): Promise<Response> {
  for (let tries = 1; ; tries++) {
    const res = await send();
    const retry = res.status === 503 || (res.status === 409 && res.json.code === 'idempotency-in-progress');
    if (!retry || tries === 60) return res;
    await sleep(10 + Math.random() * 30);
  }
}

async function underFaults(send: () => Promise<Response>): Promise<{ answers: Response[]; fired: number }> {
  await h.faults.set({ seed: 21, rules: FAULTS });
  const answers = await Promise.all(Array.from({ length: CLIENTS }, () => persist(send)));
  const fired = Object.values(await h.faults.stats()).reduce((sum, c) => sum + c.fired, 0);
  await h.faults.clear();
  return { answers, fired };
}

describe(`${CLIENTS} clients retrying one key in parallel while faults fire`, () => {
  it('POST /orders: one order, its stock held once, its coupon locked once', async () => {
    const storeId = await h.store({ milk: [10, 1250], eggs: [10, 800] });
    const memberId = await h.member();
    const couponId = await h.coupon(memberId);
    const body = {
      memberId,
      storeId,
      couponId,
      items: [
        { sku: 'milk', quantity: 2 },
        { sku: 'eggs', quantity: 3 },
      ],
    };
    const { answers, fired } = await underFaults(() =>
      h.call('POST', '/orders', { body, headers: { 'idempotency-key': 'many-order' } }),
    );

    expect(fired).toBeGreaterThan(0);
    expect(answers.map((r) => r.status)).toEqual(Array(CLIENTS).fill(201));
    const ids = new Set(answers.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    const orders = (await h.call('GET', `/orders?memberId=${memberId}`)).json.items;
    expect(orders.map((o: { id: string }) => o.id)).toEqual([...ids]);
    expect(await h.counts(storeId, 'milk')).toEqual({ available: 8, held: 2, sold: 0, flashAllotted: 0 });
    expect(await h.counts(storeId, 'eggs')).toEqual({ available: 7, held: 3, sold: 0, flashAllotted: 0 });
    expect(await h.couponStatus(couponId)).toBe('locked');
  });

  it('POST /flash-sales/{id}/orders: one order, one unit taken, the limit of 1 counted once', async () => {
    const storeId = await h.store({ tv: [100, 9900] });
    const sale = await h.flashSale(storeId, 'tv', { quantity: 100, perMemberLimit: 1 }); // 5 shards
    const memberId = await h.member();
    const path = `/flash-sales/${sale.id}/orders`;
    const { answers, fired } = await underFaults(() =>
      h.call('POST', path, { body: { memberId, quantity: 1 }, headers: { 'idempotency-key': 'many-buy' } }),
    );

    expect(fired).toBeGreaterThan(0);
    expect(answers.map((r) => r.status)).toEqual(Array(CLIENTS).fill(201));
    expect(new Set(answers.map((r) => r.json.id)).size).toBe(1);
    expect((await h.call('GET', `/orders?memberId=${memberId}`)).json.items).toHaveLength(1);
    expect((await h.call('GET', `/flash-sales/${sale.id}`)).json.remaining).toBe(99);
    const more = await h.call('POST', path, { body: { memberId, quantity: 1 }, headers: { 'idempotency-key': 'many-buy-2' } });
    expect([more.status, more.json.code]).toEqual([409, 'limit-reached']);
  });
});
