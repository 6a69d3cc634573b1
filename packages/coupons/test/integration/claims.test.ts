import { NotFoundError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouponService } from '../../src/index.js';
import { expectCountsExact, expectSlotsConsistent } from '../support/counts.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let coupons: CouponService;
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
});
afterAll(() => env.stop());

describe('a claim', () => {
  it('issues an available coupon that expires with the campaign', async () => {
    const campaign = await env.campaign({ total: 5 });
    const member = env.members.add();
    const coupon = await coupons.claim(campaign.id, member);
    expect(coupon).toEqual({
      id: expect.stringMatching(/^cpn_[0-9a-z]{26}$/),
      campaignId: campaign.id,
      memberId: member,
      status: 'available',
      expiresAt: campaign.endsAt,
      claimedAt: new Date(env.clock.now()).toISOString(),
    });
    expect(await coupons.get(coupon.id)).toEqual(coupon);
    expect((await coupons.list({ memberId: member, limit: 20 })).items).toEqual([coupon]);
    await expectCountsExact(env.tables, campaign.id, { settled: true });
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
  });

  it('refuses a second coupon past the per-member limit, and gives the limit in full', async () => {
    const campaign = await env.campaign({ total: 10, perMemberLimit: 3 });
    const member = env.members.add();
    for (let i = 0; i < 3; i++) await coupons.claim(campaign.id, member);
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'limit-reached' });
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(7);
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
  });

  it('refuses when sold out, leaving the member free to claim elsewhere', async () => {
    const campaign = await env.campaign({ total: 1 });
    await coupons.claim(campaign.id, env.members.add());
    const late = env.members.add();
    await expect(coupons.claim(campaign.id, late)).rejects.toMatchObject({ code: 'sold-out', kind: 'conflict' });
    const { slots } = await expectSlotsConsistent(env.tables, campaign.id, late, { settled: true });
    expect(slots).toEqual([]); // the refused claim's slot was freed
  });

  it('is refused before startsAt and from endsAt on, and changes nothing', async () => {
    const now = env.clock.now();
    const campaign = await env.campaign({
      startsAt: new Date(now + 60_000).toISOString(),
      endsAt: new Date(now + 120_000).toISOString(),
    });
    const member = env.members.add();
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'campaign-not-active' });
    env.clock.advance(60_000);
    const coupon = await coupons.claim(campaign.id, member);
    env.clock.advance(60_000);
    await expect(coupons.claim(campaign.id, env.members.add())).rejects.toMatchObject({ code: 'campaign-not-active' });
    expect(await coupons.get(coupon.id)).toMatchObject({ status: 'expired' });
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(99);
  });

  it('answers not-found for an unknown campaign or member, the campaign first', async () => {
    const campaign = await env.campaign();
    await expect(coupons.claim(campaign.id, 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('member'),
    });
    await expect(coupons.claim('cmp_01j9z3k5q8x7v2w4t6y8r0p2n4', 'nobody')).rejects.toMatchObject({
      message: expect.stringContaining('campaign'),
    });
    await expect(coupons.get('cpn_01j9z3k5q8x7v2w4t6y8r0p2n4')).rejects.toBeInstanceOf(NotFoundError);
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(100);
  });
});
