import { placeHold } from '@retail/tablestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, ClaimAttempt, CouponsTables } from '../../src/index.js';
import { attemptsOf, isCouponPut, isHoldPlace, isHoldSettle } from '../support/attempts.js';
import { campaignState, expectCountsExact, expectSlotsConsistent } from '../support/counts.js';
import { SimulatedCrash, withFault, type FaultSpec } from '../support/faults.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// A claim whose answer was lost (its instance died after a step), retried with the same
// Idempotency-Key (the attempt) once the key's claim lapsed: the same coupon id, one unit taken,
// one slot used, and a limit of 1 never refused for the claim's own slot (decision 0011).

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.stop());

const LAPSE_MS = 10_001; // the function timeout: shorter than the repairs' grace period (60 s)

type Faults = Partial<Record<keyof CouponsTables, FaultSpec>>;

async function dies(campaign: Campaign, memberId: string, attempt: ClaimAttempt, faults: Faults) {
  const tables = { ...env.tables };
  for (const [name, spec] of Object.entries(faults) as [keyof CouponsTables, FaultSpec][])
    (tables as Record<string, unknown>)[name] = withFault(env.tables[name] as never, spec).table;
  await expect(env.service({ tables }).claim(campaign.id, memberId, attempt)).rejects.toBeInstanceOf(SimulatedCrash);
}

/** Exactly one coupon for the member, under `id`, with every count settled. */
async function expectOneCoupon(campaign: Campaign, memberId: string, id: string) {
  const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
  expect(state.coupons.map((c) => c.id)).toEqual([id]);
  expect(state.remaining).toBe(campaign.total - 1);
  const { slots } = await expectSlotsConsistent(env.tables, campaign.id, memberId, { settled: true });
  expect(slots).toHaveLength(1);
  expect((await env.service().list({ memberId, limit: 10 })).items.map((c) => c.id)).toEqual([id]);
}

describe('a claim retried with the same key after its first attempt died', () => {
  const steps: Array<[string, Faults]> = [
    ['after the slot put', { claims: { method: 'put', crash: 'after' } }],
    ['after the take', { shards: { method: 'update', crash: 'after', when: isHoldPlace } }],
    ['after the coupon put', { coupons: { method: 'put', crash: 'after', when: isCouponPut } }],
    ['before the index put (the coupon written)', { memberCoupons: { method: 'put', crash: 'before' } }],
    ['after the index put', { memberCoupons: { method: 'put', crash: 'after' } }],
    ['after the confirmation', { shards: { method: 'update', crash: 'after', when: isHoldSettle } }],
    [
      'after the slot mark, before the confirmation',
      {
        claims: { method: 'update', crash: 'after' },
        shards: { method: 'update', crash: 'before', when: isHoldSettle },
      },
    ],
  ];
  for (const perMemberLimit of [1, 3]) {
    for (const [step, faults] of steps) {
      it(`${step} (limit ${perMemberLimit}): the same coupon, one unit, one slot`, async () => {
        const campaign = await env.campaign({ total: 10, perMemberLimit });
        const memberId = env.members.add();
        const a = attemptsOf(campaign.id, memberId, env.clock.now());
        await dies(campaign, memberId, a.first, faults);
        env.clock.advance(LAPSE_MS);
        const coupon = await env.service().claim(campaign.id, memberId, a.retry);
        expect([coupon.id, coupon.status, coupon.claimedAt]).toEqual([a.id(), 'available', new Date(a.first.at).toISOString()]);
        expect(await env.service().claim(campaign.id, memberId, a.retry)).toEqual(coupon);
        await expectOneCoupon(campaign, memberId, a.id());
        if (perMemberLimit === 1) {
          await expect(env.service().claim(campaign.id, memberId)).rejects.toMatchObject({ code: 'limit-reached' });
        }
      });
    }
  }

  it('finds the unit on whichever shard the first attempt took it from (20 members over 16 shards)', async () => {
    const campaign = await env.campaign({ total: 400 });
    const members = env.members.addMany(20);
    const attempts = members.map((m) => attemptsOf(campaign.id, m, env.clock.now()));
    const crashing = withFault(env.tables.shards, { method: 'update', crash: 'after', when: isHoldPlace, times: 20 });
    const service = env.service({ tables: { ...env.tables, shards: crashing.table } });
    for (const [i, m] of members.entries()) {
      await expect(service.claim(campaign.id, m, attempts[i]!.first)).rejects.toBeInstanceOf(SimulatedCrash);
    }
    env.clock.advance(LAPSE_MS);
    const coupons = await Promise.all(members.map((m, i) => env.service().claim(campaign.id, m, attempts[i]!.retry)));
    expect(coupons.map((c) => c.id)).toEqual(attempts.map((a) => a.id()));
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect([state.remaining, state.coupons.length]).toEqual([380, 20]);
  });

  it('8 retries of one request at once, none finding a unit: one coupon, the other takes given back', async () => {
    const campaign = await env.campaign({ total: 400 }); // 16 shards: the retries' takes land on several
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await dies(campaign, memberId, a.first, { claims: { method: 'put', crash: 'after' } });
    env.clock.advance(LAPSE_MS);
    const answers = await Promise.all(Array.from({ length: 8 }, () => env.service().claim(campaign.id, memberId, a.retry)));
    expect(new Set(answers.map((c) => c.id))).toEqual(new Set([a.id()]));
    await expectOneCoupon(campaign, memberId, a.id());
  });

  it('a claim holding the last unit is answered, not refused by a process that saw the campaign sold out', async () => {
    const campaign = await env.campaign({ total: 1 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await dies(campaign, memberId, a.first, { shards: { method: 'update', crash: 'after', when: isHoldPlace } });
    const service = env.service();
    await expect(service.claim(campaign.id, env.members.add())).rejects.toMatchObject({ code: 'sold-out' });
    env.clock.advance(LAPSE_MS);
    expect((await service.claim(campaign.id, memberId, a.retry)).id).toBe(a.id());
    await expectOneCoupon(campaign, memberId, a.id());
  });
});

describe('holds under one coupon id on two shards (a late take of an earlier attempt)', () => {
  async function lateTake(campaign: Campaign, id: string, shard: number) {
    const key = { campaignId: campaign.id, shard };
    await placeHold(env.tables.shards, key, {
      id,
      change: { remaining: -1 },
      atLeast: { remaining: 1 },
      at: env.clock.now(),
      note: '1',
    });
  }

  it('found by the retry: one is its unit, the other goes back when the coupon stands', async () => {
    const campaign = await env.campaign({ total: 40 }); // 2 shards
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await dies(campaign, memberId, a.first, { shards: { method: 'update', crash: 'after', when: isHoldPlace } });
    const [first] = (await campaignState(env.tables, campaign.id)).holds;
    await lateTake(campaign, a.id(), 1 - first!.shard);
    expect((await campaignState(env.tables, campaign.id)).remaining).toBe(38);
    env.clock.advance(LAPSE_MS);
    expect((await env.service().claim(campaign.id, memberId, a.retry)).id).toBe(a.id());
    await expectOneCoupon(campaign, memberId, a.id());
  });

  it('landing after the coupon: the sweep gives it back instead of confirming it', async () => {
    const campaign = await env.campaign({ total: 40 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await env.service().claim(campaign.id, memberId, a.first);
    const [coupon] = (await campaignState(env.tables, campaign.id)).coupons;
    await lateTake(campaign, a.id(), 1 - coupon!.unitShard!);
    env.clock.advance(60_001);
    expect(await env.service().sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 1 });
    await expectOneCoupon(campaign, memberId, a.id());
  });
});
