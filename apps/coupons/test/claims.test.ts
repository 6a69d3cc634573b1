import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const claim = (campaignId: string, body: unknown, headers: Record<string, string> = {}) =>
  h.call('POST', `/coupon-campaigns/${campaignId}/claims`, { body, headers });

describe('POST /coupon-campaigns/{id}/claims', () => {
  it('issues an available coupon: 201, Location, expiring with the campaign', async () => {
    const campaign = await h.campaign();
    const memberId = await h.member();
    const res = await claim(campaign.id, { memberId });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/coupons/${res.json.id}`);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^cpn_[0-9a-z]{26}$/),
      campaignId: campaign.id,
      memberId,
      status: 'available',
      expiresAt: campaign.endsAt,
      claimedAt: new Date(h.clock.now()).toISOString(),
    });
  });

  it('refuses with 409 campaign-not-active before startsAt and from endsAt on', async () => {
    const now = h.clock.now();
    const campaign = await h.campaign({
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 120_000).toISOString(),
    });
    const memberId = await h.member();
    const early = await claim(campaign.id, { memberId });
    expect([early.status, early.json.code]).toEqual([409, 'campaign-not-active']);
    h.clock.advance(120_000);
    const late = await claim(campaign.id, { memberId });
    expect([late.status, late.json.code]).toEqual([409, 'campaign-not-active']);
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(100);
  });

  it('refuses with 409 sold-out and 409 limit-reached', async () => {
    const campaign = await h.campaign({ total: 2, perMemberLimit: 1 });
    const first = await h.member();
    expect((await claim(campaign.id, { memberId: first })).status).toBe(201);
    const again = await claim(campaign.id, { memberId: first });
    expect([again.status, again.json.code]).toEqual([409, 'limit-reached']);
    expect((await claim(campaign.id, { memberId: await h.member() })).status).toBe(201);
    const sold = await claim(campaign.id, { memberId: await h.member() });
    expect([sold.status, sold.json.code]).toEqual([409, 'sold-out']);
    expect(sold.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 for an unknown member or campaign, and 400 naming a missing memberId or an unknown property', async () => {
    const campaign = await h.campaign();
    const ghost = await claim(campaign.id, { memberId: 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4' });
    expect([ghost.status, ghost.json.code]).toEqual([404, 'not-found']);
    expect((await claim(campaign.id, { memberId: 'bob' })).status).toBe(404);
    expect((await claim('cmp_01j9z3k5q8x7v2w4t6y8r0p2n4', { memberId: await h.member() })).status).toBe(404);
    const missing = await claim(campaign.id, {});
    expect([missing.status, fieldsOf(missing)]).toEqual([400, ['memberId']]);
    const extra = await claim(campaign.id, { memberId: await h.member(), coupons: 5 });
    expect([extra.status, fieldsOf(extra)]).toEqual([400, ['coupons']]);
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(100);
  });

  it('replays a claim retried with its Idempotency-Key, and refuses the key with another body', async () => {
    const campaign = await h.campaign({ perMemberLimit: 5 });
    const memberId = await h.member();
    const key = { 'idempotency-key': `claim-${memberId}` };
    const first = await claim(campaign.id, { memberId }, key);
    const retry = await claim(campaign.id, { memberId }, key);
    expect([retry.status, retry.json]).toEqual([201, first.json]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(`/coupons/${first.json.id}`);
    const other = await claim(campaign.id, { memberId: await h.member() }, key);
    expect([other.status, other.json.code]).toEqual([422, 'idempotency-key-reused']);
    expect((await h.call('GET', `/coupons?memberId=${memberId}`)).json.items).toHaveLength(1);
  });

  it('5 concurrent claims with one Idempotency-Key: one coupon, five identical answers', async () => {
    const campaign = await h.campaign({ perMemberLimit: 5 });
    const memberId = await h.member();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => claim(campaign.id, { memberId }, { 'idempotency-key': `grab-${memberId}` })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect((await h.call('GET', `/coupons?memberId=${memberId}`)).json.items).toHaveLength(1);
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(99);
  });

  it('a refusal is replayed too, and changed nothing', async () => {
    const campaign = await h.campaign({ total: 1 });
    await claim(campaign.id, { memberId: await h.member() });
    const memberId = await h.member();
    const key = { 'idempotency-key': `late-${memberId}` };
    const first = await claim(campaign.id, { memberId }, key);
    const retry = await claim(campaign.id, { memberId }, key);
    expect([first.status, first.json.code, retry.status, retry.json.code]).toEqual([409, 'sold-out', 409, 'sold-out']);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });
});
