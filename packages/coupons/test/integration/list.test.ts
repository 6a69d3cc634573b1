import { NotFoundError, type ValidationError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coupon, CouponService } from '../../src/index.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let coupons: CouponService;
let member: string;
let all: Coupon[];
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
  member = env.members.add();
  const now = env.clock.now();
  const soon = await env.campaign({ minSpend: 0, perMemberLimit: 5, endsAt: new Date(now + 60_000).toISOString() });
  const later = await env.campaign({ minSpend: 0, perMemberLimit: 5 });
  all = [];
  for (let i = 0; i < 5; i++) all.push(await coupons.claim(soon.id, member));
  for (let i = 0; i < 5; i++) all.push(await coupons.claim(later.id, member));
  await coupons.lockForOrder(all[6]!.id, { memberId: member, orderId: 'ord_1', subtotal: 100 });
  await coupons.lockForOrder(all[7]!.id, { memberId: member, orderId: 'ord_2', subtotal: 100 });
  await coupons.useForOrder(all[7]!.id, 'ord_2');
  env.clock.advance(60_000); // the first campaign's coupons expire
  await coupons.claim(later.id, env.members.add()); // someone else's coupon is never listed
});
afterAll(() => env.stop());

async function everyPage(status: Coupon['status'] | undefined, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await coupons.list({ memberId: member, status, limit, cursor });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('a member’s coupons', () => {
  it('are listed newest first in pages whose last says so with a null cursor', async () => {
    const newestFirst = [...all].reverse().map((c) => c.id);
    expect(await everyPage(undefined, 3)).toEqual({ ids: newestFirst, pages: 4 });
    expect(await everyPage(undefined, 10)).toEqual({ ids: newestFirst, pages: 1 });
    expect(await everyPage(undefined, 100)).toEqual({ ids: newestFirst, pages: 1 });
  });

  it('filter by effective status, across pages', async () => {
    const ids = (from: number, to: number) =>
      all
        .slice(from, to)
        .map((c) => c.id)
        .reverse();
    expect((await everyPage('expired', 2)).ids).toEqual(ids(0, 5));
    expect((await everyPage('available', 2)).ids).toEqual([all[9]!.id, all[8]!.id, all[5]!.id]);
    expect((await everyPage('locked', 1)).ids).toEqual([all[6]!.id]);
    expect((await everyPage('used', 20)).ids).toEqual([all[7]!.id]);
    const page = await coupons.list({ memberId: member, status: 'expired', limit: 20 });
    expect(page.items.every((c) => c.status === 'expired')).toBe(true);
  });

  it('refuse a bad member id, status, limit or cursor by name; an unknown member is not found', async () => {
    const err = await coupons
      .list({ memberId: 'bob', status: 'gone' as never, limit: 101, cursor: '%%' })
      .catch((e: unknown) => e);
    expect((err as ValidationError).problems.map((p) => p.field).sort()).toEqual(['cursor', 'limit', 'memberId', 'status']);
    await expect(coupons.list({ memberId: 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4', limit: 20 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await coupons.list({ memberId: env.members.add(), limit: 20 })).toEqual({ items: [], nextCursor: null });
  });
});
