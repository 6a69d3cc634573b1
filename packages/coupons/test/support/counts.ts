// Reads a campaign's state straight from storage and checks its invariants.
import { expect } from 'vitest';
import { counterOf } from '../../src/campaign-store.js';
import { parseCampaignRow, parseCouponRow, type CouponRecord } from '../../src/records.js';
import { readSlots } from '../../src/slots.js';
import type { CouponsTables } from '../../src/index.js';

/** Every coupon of the campaign (tombstones have no campaign and are left out). */
export async function issuedCoupons(tables: CouponsTables, campaignId: string): Promise<CouponRecord[]> {
  const coupons: CouponRecord[] = [];
  for await (const row of tables.coupons.scan({ filter: { column: 'campaignId', op: '=', value: campaignId } })) {
    const record = parseCouponRow(row);
    if (record !== 'void') coupons.push(record);
  }
  return coupons;
}

/** Units left, open holds, and coupons issued, read raw. */
export async function campaignState(tables: CouponsTables, campaignId: string) {
  const row = await tables.campaigns.get({ campaignId });
  if (!row) throw new Error(`no campaign ${campaignId}`);
  const campaign = parseCampaignRow(row);
  const counter = counterOf(tables, campaign);
  const [values, holds, coupons] = await Promise.all([counter.values(), counter.holds(), issuedCoupons(tables, campaignId)]);
  return { campaign, values, remaining: values.reduce((a, b) => a + b, 0), holds, coupons };
}

/**
 * The campaign's counts agree: no shard below zero, every unit is left, held, or in a coupon, and
 * (`settled`) no claim is in progress: remaining + coupons = total exactly, no hold left open.
 */
export async function expectCountsExact(tables: CouponsTables, campaignId: string, options: { settled?: boolean } = {}) {
  const state = await campaignState(tables, campaignId);
  expect(state.values.every((v) => v >= 0)).toBe(true);
  const issued = new Set(state.coupons.map((c) => c.id));
  const heldOnly = state.holds.filter((h) => !issued.has(h.id)).length;
  expect(state.remaining + heldOnly + state.coupons.length).toBe(state.campaign.total);
  if (options.settled) {
    expect(state.holds).toEqual([]);
    expect(state.remaining + state.coupons.length).toBe(state.campaign.total);
  }
  return state;
}

/**
 * The member's slots agree with their coupons: one slot per coupon naming it, no more coupons than
 * the limit, and (`settled`) every slot issued.
 */
export async function expectSlotsConsistent(
  tables: CouponsTables,
  campaignId: string,
  memberId: string,
  options: { settled?: boolean } = {},
) {
  const state = await campaignState(tables, campaignId);
  const coupons = state.coupons.filter((c) => c.memberId === memberId);
  const slots = await readSlots(tables, campaignId, memberId);
  expect(coupons.length).toBeLessThanOrEqual(state.campaign.perMemberLimit);
  for (const coupon of coupons) expect(slots.find((s) => s.slot === coupon.slot)?.couponId).toBe(coupon.id);
  if (options.settled) {
    expect(slots.every((s) => s.state === 'issued')).toBe(true);
    expect(slots).toHaveLength(coupons.length);
  }
  return { slots, coupons };
}
