import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CouponService, CouponsTables } from '../../src/index.js';
import { campaignState, expectCountsExact, expectSlotsConsistent } from '../support/counts.js';
import { SimulatedCrash, withFault, type FaultSpec } from '../support/faults.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// A claim writes: 2. the member's slot (pending) 3. a hold on a campaign shard 4. the coupon row
// and its member index row 5. the hold confirmed and the slot marked issued. A crash after any
// write, then the sweep and the member's next claim, must leave remaining + coupons = total
// exactly and the member's slots agreeing with their coupons.

let env: TestEnv;
let coupons: CouponService;
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
});
afterAll(() => env.stop());

const GRACE = 60_000;
const isHoldPlace = (args: unknown[]) => Object.keys((args[1] as { set?: object }).set ?? {}).some((c) => c.startsWith('h_'));
const isHoldSettle = (args: unknown[]) => ((args[1] as { remove?: string[] }).remove ?? []).some((c) => c.startsWith('h_'));
const isCouponPut = (args: unknown[]) => (args[0] as { status?: string }).status === 'available';

/** A service whose tables fault as `faults` says, for one claim that then "dies". */
function crashing(faults: Partial<Record<keyof CouponsTables, FaultSpec>>): CouponService {
  const tables = { ...env.tables };
  for (const [name, spec] of Object.entries(faults) as [keyof CouponsTables, FaultSpec][]) {
    (tables as Record<string, unknown>)[name] = withFault(env.tables[name] as never, spec).table;
  }
  return env.service({ tables });
}

async function crashOnce(campaign: Campaign, member: string, faults: Partial<Record<keyof CouponsTables, FaultSpec>>) {
  await expect(crashing(faults).claim(campaign.id, member)).rejects.toBeInstanceOf(SimulatedCrash);
}

describe('a claim that dies', () => {
  it('after taking its slot: the slot blocks the member only for the grace period', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, { claims: { method: 'put', crash: 'after' } });
    await expectCountsExact(env.tables, campaign.id, { settled: true }); // no unit was taken
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'limit-reached' }); // may still be running
    env.clock.advance(GRACE + 1);
    const coupon = await coupons.claim(campaign.id, member);
    expect(coupon.memberId).toBe(member);
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('after holding a unit: the sweep gives it back once the grace period is over; the next claim frees the slot', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, { shards: { method: 'update', crash: 'after', when: isHoldPlace } });
    const held = await campaignState(env.tables, campaign.id);
    expect([held.remaining, held.holds.length, held.coupons.length]).toEqual([9, 1, 0]);
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 0 }); // too young to judge
    env.clock.advance(GRACE + 1);
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 1 });
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 0, givenBack: 0 }); // once
    await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect((await coupons.getCampaign(campaign.id)).remaining).toBe(10);
    await coupons.claim(campaign.id, member);
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('after holding the last unit: the campaign does not look sold out for good', async () => {
    const campaign = await env.campaign({ total: 1 });
    await crashOnce(campaign, env.members.add(), { shards: { method: 'update', crash: 'after', when: isHoldPlace } });
    await expect(coupons.claim(campaign.id, env.members.add())).rejects.toMatchObject({ code: 'sold-out' });
    env.clock.advance(GRACE + 1);
    const later = env.members.add();
    expect(await coupons.claim(campaign.id, later)).toMatchObject({ memberId: later }); // no sweep ran: the claim repaired it
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('after writing its coupon: the sweep confirms the hold and marks the slot; the coupon is listed', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, { coupons: { method: 'put', crash: 'after', when: (a) => isCouponPut(a) } });
    const state = await expectCountsExact(env.tables, campaign.id);
    expect([state.coupons.length, state.holds.length]).toEqual([1, 1]);
    env.clock.advance(GRACE + 1);
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 1, givenBack: 0 });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    expect((await coupons.list({ memberId: member, limit: 10 })).items.map((c) => c.id)).toEqual([state.coupons[0]!.id]);
  });

  it('with its coupon written but its member index row never: the sweep writes the index row', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, { memberCoupons: { method: 'put', crash: 'before' } });
    expect((await coupons.list({ memberId: member, limit: 10 })).items).toEqual([]);
    env.clock.advance(GRACE + 1);
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 1, givenBack: 0 });
    expect((await coupons.list({ memberId: member, limit: 10 })).items).toHaveLength(1);
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('after confirming its hold, before marking its slot: the next claim of the member marks it and counts it', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, {
      shards: { method: 'update', crash: 'after', when: isHoldSettle },
      claims: { method: 'update', crash: 'before' },
    });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
    env.clock.advance(GRACE + 1);
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'limit-reached' });
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('after marking its slot, before confirming its hold: the sweep confirms it', async () => {
    const campaign = await env.campaign({ total: 10 });
    const member = env.members.add();
    await crashOnce(campaign, member, {
      claims: { method: 'update', crash: 'after' },
      shards: { method: 'update', crash: 'before', when: isHoldSettle },
    });
    env.clock.advance(GRACE + 1);
    expect(await coupons.sweep(campaign.id)).toEqual({ confirmed: 1, givenBack: 0 });
    await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });

  it('with limit 3 and crashes after each step: the member still gets exactly 3 coupons in the end', async () => {
    const campaign = await env.campaign({ total: 10, perMemberLimit: 3 });
    const member = env.members.add();
    await crashOnce(campaign, member, { claims: { method: 'put', crash: 'after' } });
    await crashOnce(campaign, member, { shards: { method: 'update', crash: 'after', when: isHoldPlace } });
    await crashOnce(campaign, member, { coupons: { method: 'put', crash: 'after', when: (a) => isCouponPut(a) } });
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'limit-reached' });
    env.clock.advance(GRACE + 1);
    await coupons.claim(campaign.id, member);
    await coupons.claim(campaign.id, member);
    await expect(coupons.claim(campaign.id, member)).rejects.toMatchObject({ code: 'limit-reached' });
    await coupons.sweep(campaign.id);
    const { coupons: own } = await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
    expect(own).toHaveLength(3);
    await expectCountsExact(env.tables, campaign.id, { settled: true });
  });
});

describe('a claim that is only slow', () => {
  it('and resumes after a repair voided it: it never issues a coupon beyond the total', async () => {
    const campaign = await env.campaign({ total: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowCoupons = withFault(env.tables.coupons, { method: 'put', hold: gate, when: (a) => isCouponPut(a) });
    const slow = env.service({ tables: { ...env.tables, coupons: slowCoupons.table } });
    const first = slow.claim(campaign.id, env.members.add());
    while (slowCoupons.hits() === 0) await new Promise((resolve) => setTimeout(resolve, 2));

    env.clock.advance(GRACE + 1);
    const second = await coupons.claim(campaign.id, env.members.add()); // repairs the slow claim's hold, takes the unit
    release();
    await expect(first).rejects.toMatchObject({ code: 'sold-out' }); // its coupon id was void: it started over, too late
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect(state.coupons.map((c) => c.id)).toEqual([second.id]);
  });
});
