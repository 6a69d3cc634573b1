import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCouponsTables, type CouponService } from '../../src/index.js';
import { attemptsOf } from '../support/attempts.js';
import { expectCountsExact, expectSlotsConsistent, issuedCoupons } from '../support/counts.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// Real concurrency against one ots-local: the totals and per-member limits hold whatever the interleaving.

let env: TestEnv;
let coupons: CouponService;
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
});
afterAll(() => env.stop());

type Outcome = { ok: true; id: string } | { ok: false; code: string };
const attempt = (run: () => Promise<{ id: string }>): Promise<Outcome> =>
  run().then(
    (c) => ({ ok: true, id: c.id }),
    (e: { code?: string }) => ({ ok: false, code: e.code ?? String(e) }),
  );

describe('concurrent claims', () => {
  it('500 distinct members at once for a campaign of 100: exactly 100 coupons, 400 sold-out, none left', async () => {
    const campaign = await env.campaign({ total: 100 });
    // four "instances", each with its own client and service
    const services = Array.from({ length: 4 }, () => env.service({ tables: bindCouponsTables(env.newClient()) }));
    const members = env.members.addMany(500);
    const results = await Promise.all(members.map((m, i) => attempt(() => services[i % 4]!.claim(campaign.id, m))));
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(results.filter((r) => !r.ok && r.code !== 'sold-out')).toEqual([]);
    expect(results.filter((r) => !r.ok && r.code === 'sold-out')).toHaveLength(400);
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(0);
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect(new Set(state.coupons.map((c) => c.memberId)).size).toBe(100);
  });

  it('the same with every claim a keyed first attempt: exactly 100 coupons, each under its request id', async () => {
    const campaign = await env.campaign({ total: 100 });
    const services = Array.from({ length: 4 }, () => env.service({ tables: bindCouponsTables(env.newClient()) }));
    const members = env.members.addMany(500);
    const requests = members.map((m) => attemptsOf(campaign.id, m, env.clock.now()));
    const results = await Promise.all(
      members.map((m, i) => attempt(() => services[i % 4]!.claim(campaign.id, m, requests[i]!.first))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(results.filter((r) => !r.ok && r.code !== 'sold-out')).toEqual([]);
    const ids = new Set(requests.map((r) => r.id()));
    expect(results.every((r) => !r.ok || ids.has(r.id))).toBe(true);
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect([state.remaining, new Set(state.coupons.map((c) => c.memberId)).size]).toEqual([0, 100]);
  });

  it('20 members each claiming 10 times at once against a limit of 1: exactly one coupon each', async () => {
    const campaign = await env.campaign({ total: 1000, perMemberLimit: 1 });
    const members = env.members.addMany(20);
    const results = await Promise.all(
      members.flatMap((m) => Array.from({ length: 10 }, () => attempt(() => coupons.claim(campaign.id, m)))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'limit-reached')).toBe(true);
    const issued = await issuedCoupons(env.tables, campaign.id);
    expect(issued.map((c) => c.memberId).sort()).toEqual([...members].sort());
    for (const m of members) await expectSlotsConsistent(env.tables, campaign.id, m, { settled: true });
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(980);
  });

  it('a limit of 3 with 8 concurrent claims per member: at most 3 each (here exactly 3), never more', async () => {
    const campaign = await env.campaign({ total: 1000, perMemberLimit: 3 });
    const members = env.members.addMany(10);
    const results = await Promise.all(
      members.flatMap((m) => Array.from({ length: 8 }, () => attempt(() => coupons.claim(campaign.id, m)))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(30);
    for (const m of members) {
      const { coupons: own } = await expectSlotsConsistent(env.tables, campaign.id, m, { settled: true });
      expect(own).toHaveLength(3);
    }
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('members racing for the last units of a limited campaign: the total and the limits both hold', async () => {
    const campaign = await env.campaign({ total: 25, perMemberLimit: 2 });
    const members = env.members.addMany(30);
    const results = await Promise.all(members.flatMap((m) => [0, 1, 2].map(() => attempt(() => coupons.claim(campaign.id, m)))));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['sold-out', 'limit-reached'].includes(r.code))).toBe(true);
    for (const m of members) await expectSlotsConsistent(env.tables, campaign.id, m, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });
});
