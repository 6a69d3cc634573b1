import { ValidationError } from '@retail/core';
import { describe, expect, it } from 'vitest';
import { checkCreateCampaign, checkListCoupons, decodeCouponCursor, encodeCouponCursor } from '../../src/checks.js';
import type { CreateCampaignInput } from '../../src/index.js';

const valid: CreateCampaignInput = {
  name: 'Double 11',
  kind: 'amount-off',
  value: 500,
  minSpend: 0,
  total: 100,
  perMemberLimit: 1,
  startsAt: '2026-11-11T00:00:00Z',
  endsAt: '2026-11-12T00:00:00.000Z',
};

function fields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => p.field).sort();
    throw error;
  }
  return [];
}

describe('checkCreateCampaign', () => {
  it('accepts a valid campaign and gives its times in ms', () => {
    expect(checkCreateCampaign(valid)).toEqual({ startsAt: Date.UTC(2026, 10, 11), endsAt: Date.UTC(2026, 10, 12) });
  });

  it('checks value by kind and names it', () => {
    expect(fields(() => checkCreateCampaign({ ...valid, kind: 'percent-off', value: 100 }))).toEqual(['value']);
    expect(fields(() => checkCreateCampaign({ ...valid, kind: 'percent-off', value: 99 }))).toEqual([]);
    expect(fields(() => checkCreateCampaign({ ...valid, value: 1_000_000_001 }))).toEqual(['value']);
    expect(fields(() => checkCreateCampaign({ ...valid, value: 1.5 }))).toEqual(['value']);
  });

  it('names every bad field at once', () => {
    const bad = {
      name: ' ',
      kind: 'free',
      value: 0,
      minSpend: -1,
      total: 0,
      perMemberLimit: 21,
      startsAt: 'soon',
      endsAt: 'later',
    };
    expect(fields(() => checkCreateCampaign(bad as unknown as CreateCampaignInput))).toEqual(
      ['endsAt', 'kind', 'minSpend', 'name', 'perMemberLimit', 'startsAt', 'total', 'value'].sort(),
    );
  });

  it('wants UTC times that exist, and endsAt after startsAt', () => {
    expect(fields(() => checkCreateCampaign({ ...valid, startsAt: '2026-02-30T00:00:00Z' }))).toEqual(['startsAt']);
    expect(fields(() => checkCreateCampaign({ ...valid, startsAt: '2026-11-11T00:00:00+08:00' }))).toEqual(['startsAt']);
    expect(fields(() => checkCreateCampaign({ ...valid, endsAt: valid.startsAt }))).toEqual(['endsAt']);
  });
});

describe('coupon list cursors', () => {
  it('round-trips a coupon id and refuses anything else', () => {
    const id = 'cpn_01j9z3k5q8x7v2w4t6y8r0p2n4';
    expect(decodeCouponCursor(encodeCouponCursor(id))).toBe(id);
    expect(decodeCouponCursor('abc')).toBeNull();
    expect(decodeCouponCursor(Buffer.from('c1:mem_01j9z3k5q8x7v2w4t6y8r0p2n4').toString('base64url'))).toBeNull();
    expect(fields(() => checkListCoupons({ memberId: 'x', status: 'gone' as never, limit: 0, cursor: 'zz' }))).toEqual(
      ['cursor', 'limit', 'memberId', 'status'].sort(),
    );
  });
});
