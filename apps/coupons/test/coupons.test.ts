import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, startHarness, type Harness, type Json } from './support/harness.js';

let h: Harness;
let memberId: string;
let coupons: Json[];
beforeAll(async () => {
  h = await startHarness();
  memberId = await h.member();
  const soon = await h.campaign({ perMemberLimit: 3, minSpend: 0, endsAt: new Date(h.clock.now() + 60_000).toISOString() });
  const later = await h.campaign({ perMemberLimit: 3, minSpend: 0 });
  coupons = [];
  for (const campaign of [soon, soon, later, later, later]) {
    coupons.push((await h.call('POST', `/coupon-campaigns/${campaign.id}/claims`, { body: { memberId } })).json);
  }
  // trading's part, through the library: one coupon locked by an order, one used
  await h.fn.coupons.lockForOrder(coupons[2].id, { memberId, orderId: 'ord_1', subtotal: 100 });
  await h.fn.coupons.lockForOrder(coupons[3].id, { memberId, orderId: 'ord_2', subtotal: 100 });
  await h.fn.coupons.useForOrder(coupons[3].id, 'ord_2');
  h.clock.advance(60_000);
});
afterAll(() => h.stop());

const ids = (list: Json[]) => list.map((c) => c.id);

describe('GET /coupons/{id}', () => {
  it('answers the coupon with its effective status, 404 when unknown', async () => {
    expect((await h.call('GET', `/coupons/${coupons[0].id}`)).json).toEqual({ ...coupons[0], status: 'expired' });
    expect((await h.call('GET', `/coupons/${coupons[3].id}`)).json.status).toBe('used');
    const unknown = await h.call('GET', '/coupons/cpn_01j9z3k5q8x7v2w4t6y8r0p2n4');
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not-found']);
    expect((await h.call('GET', '/coupons/nope')).status).toBe(404);
  });
});

describe('GET /coupons?memberId=', () => {
  it('lists the member’s coupons newest first, in pages', async () => {
    const first = await h.call('GET', `/coupons?memberId=${memberId}&limit=2`);
    expect(first.status).toBe(200);
    expect(ids(first.json.items)).toEqual(ids([coupons[4], coupons[3]]));
    const second = await h.call(
      'GET',
      `/coupons?memberId=${memberId}&limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
    );
    const third = await h.call(
      'GET',
      `/coupons?memberId=${memberId}&limit=2&cursor=${encodeURIComponent(second.json.nextCursor)}`,
    );
    expect(ids([...second.json.items, ...third.json.items])).toEqual(ids([coupons[2], coupons[1], coupons[0]]));
    expect(third.json.nextCursor).toBeNull();
    expect((await h.call('GET', `/coupons?memberId=${memberId}`)).json.items).toHaveLength(5);
  });

  it('filters by status: available, locked, used, expired', async () => {
    const by = async (status: string) => ids((await h.call('GET', `/coupons?memberId=${memberId}&status=${status}`)).json.items);
    expect(await by('available')).toEqual([coupons[4].id]);
    expect(await by('locked')).toEqual([coupons[2].id]);
    expect(await by('used')).toEqual([coupons[3].id]);
    expect(await by('expired')).toEqual(ids([coupons[1], coupons[0]]));
  });

  it('refuses a missing or malformed memberId, a bad status, limit or cursor, naming each; 404 for an unknown member', async () => {
    const missing = await h.call('GET', '/coupons');
    expect([missing.status, missing.json.code, fieldsOf(missing)]).toEqual([400, 'validation-failed', ['memberId']]);
    expect(fieldsOf(await h.call('GET', '/coupons?memberId=bob'))).toEqual(['memberId']);
    const bad = await h.call('GET', `/coupons?memberId=${memberId}&status=gone&limit=0`);
    expect(fieldsOf(bad)).toEqual(['limit', 'status']);
    expect(fieldsOf(await h.call('GET', `/coupons?memberId=${memberId}&limit=101`))).toEqual(['limit']);
    expect(fieldsOf(await h.call('GET', `/coupons?memberId=${memberId}&cursor=abc`))).toEqual(['cursor']);
    expect(fieldsOf(await h.call('GET', `/coupons?memberId=${memberId}&colour=red`))).toEqual(['colour']);
    const ghost = await h.call('GET', '/coupons?memberId=mem_01j9z3k5q8x7v2w4t6y8r0p2n4');
    expect([ghost.status, ghost.json.code]).toEqual([404, 'not-found']);
  });
});
