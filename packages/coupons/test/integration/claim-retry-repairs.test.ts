import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCoupon } from '../../src/coupon-store.js';
import type { Campaign, ClaimAttempt } from '../../src/index.js';
import { attemptsOf, isCouponPut, isHoldPlace } from '../support/attempts.js';
import { expectCountsExact, expectSlotsConsistent } from '../support/counts.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// A retry that comes after the repairs' grace period, when a repair may give the first attempt up
// (a tombstone on its coupon id) before or while the retry runs. Decision 0008: the tombstone or
// the coupon, whichever lands first, decides; a request whose id was given up claims once more
// under its successor id (the next generation of its seed), so it still ends with one coupon.

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.stop());

const GRACE_MS = 60_001;

async function diesAfterTake(campaign: Campaign, memberId: string, attempt: ClaimAttempt) {
  const shards = withFault(env.tables.shards, { method: 'update', crash: 'after', when: isHoldPlace }).table;
  const service = env.service({ tables: { ...env.tables, shards } });
  await expect(service.claim(campaign.id, memberId, attempt)).rejects.toBeInstanceOf(SimulatedCrash);
}

async function expectOneCoupon(campaign: Campaign, memberId: string, id: string) {
  const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
  expect([state.coupons.map((c) => c.id), state.remaining]).toEqual([[id], campaign.total - 1]);
  await expectSlotsConsistent(env.tables, campaign.id, memberId, { settled: true });
  await expect(env.service().claim(campaign.id, memberId)).rejects.toMatchObject({ code: 'limit-reached' });
}

/** A gate a write waits at, and a way to wait until a write reached it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
const until = async (reached: () => boolean) => {
  while (!reached()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('a retry after the grace period', () => {
  it('after the sweep gave the first attempt up: one coupon, under the successor id', async () => {
    const campaign = await env.campaign({ total: 10 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await diesAfterTake(campaign, memberId, a.first);
    env.clock.advance(GRACE_MS);
    expect(await env.service().sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 1 });
    const coupon = await env.service().claim(campaign.id, memberId, a.retry);
    expect(coupon.id).toBe(a.id(1));
    expect(await env.service().claim(campaign.id, memberId, a.retry)).toEqual(coupon);
    await expectOneCoupon(campaign, memberId, a.id(1));
  });

  it('racing the sweep, the tombstone landing first: the retry gives up its id and claims under the successor', async () => {
    const campaign = await env.campaign({ total: 10 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await diesAfterTake(campaign, memberId, a.first);
    env.clock.advance(GRACE_MS);
    const g = gate();
    const slow = withFault(env.tables.coupons, { method: 'put', when: isCouponPut, hold: g.opened });
    const retried = env.service({ tables: { ...env.tables, coupons: slow.table } }).claim(campaign.id, memberId, a.retry);
    await until(() => slow.hits() === 1); // the retry found the unit and is writing the coupon
    expect(await env.service().sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 1 });
    g.open();
    expect((await retried).id).toBe(a.id(1));
    expect(await readCoupon(env.tables, a.id())).toBe('void');
    await expectOneCoupon(campaign, memberId, a.id(1));
  });

  it('racing the sweep, the coupon landing first: the sweep finds the coupon and confirms its unit', async () => {
    const campaign = await env.campaign({ total: 10 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await diesAfterTake(campaign, memberId, a.first);
    env.clock.advance(GRACE_MS);
    const g = gate();
    const isVoid = (args: unknown[]) => (args[0] as { status?: string }).status === 'void';
    const slowVoid = withFault(env.tables.coupons, { method: 'put', when: isVoid, hold: g.opened });
    const sweeping = env.service({ tables: { ...env.tables, coupons: slowVoid.table } }).sweep(campaign.id);
    await until(() => slowVoid.hits() === 1); // the sweep judged the hold stale and is writing the tombstone
    const coupon = await env.service().claim(campaign.id, memberId, a.retry);
    g.open();
    expect(await sweeping).toEqual({ confirmed: 0, givenBack: 0 }); // the retry had confirmed it already
    expect(coupon.id).toBe(a.id());
    await expectOneCoupon(campaign, memberId, a.id());
  });

  it('after another claim of the member took the given-up slot: the successor is refused limit-reached', async () => {
    const campaign = await env.campaign({ total: 10 });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await diesAfterTake(campaign, memberId, a.first);
    env.clock.advance(GRACE_MS);
    const other = await env.service().claim(campaign.id, memberId); // frees the dead claim's slot (its id voided)
    await expect(env.service().claim(campaign.id, memberId, a.retry)).rejects.toMatchObject({ code: 'limit-reached' });
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect([state.coupons.map((c) => c.id), state.remaining]).toEqual([[other.id], 9]);
  });
});

describe('a retry refused before it starts', () => {
  it('after the campaign ended, its first attempt holding a unit: campaign-not-active, the unit and the slot given back', async () => {
    const campaign = await env.campaign({ total: 10, endsAt: new Date(env.clock.now() + 30_000).toISOString() });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    await diesAfterTake(campaign, memberId, a.first);
    env.clock.advance(30_000);
    await expect(env.service().claim(campaign.id, memberId, a.retry)).rejects.toMatchObject({ code: 'campaign-not-active' });
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect([state.coupons.length, state.remaining]).toEqual([0, 10]);
    expect((await expectSlotsConsistent(env.tables, campaign.id, memberId, { settled: true })).slots).toEqual([]);
    expect(await readCoupon(env.tables, a.id())).toBe('void'); // no late write of the first attempt can issue it now
  });

  it('an issued coupon is answered even after the campaign ended (expired by then)', async () => {
    const campaign = await env.campaign({ total: 10, endsAt: new Date(env.clock.now() + 30_000).toISOString() });
    const memberId = env.members.add();
    const a = attemptsOf(campaign.id, memberId, env.clock.now());
    const first = await env.service().claim(campaign.id, memberId, a.first);
    env.clock.advance(30_000);
    expect(await env.service().claim(campaign.id, memberId, a.retry)).toEqual({ ...first, status: 'expired' });
  });
});
