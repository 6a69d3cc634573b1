// Claim attempts as the coupons function builds them from an Idempotency-Key (decision 0011).
import { seededId } from '@retail/core';
import type { ClaimAttempt } from '../../src/index.js';

let keys = 0;

/** A request's first attempt, its retry, and the coupon ids its generations are named by. */
export function attemptsOf(campaignId: string, memberId: string, at: number) {
  const seed = `app|coupons\nclaim-${++keys}\n${campaignId}\n${memberId}`;
  const first: ClaimAttempt = { seed, at, resumed: false };
  return {
    first,
    retry: { ...first, resumed: true } satisfies ClaimAttempt,
    /** The coupon id of generation `n`: 0 is the request's own, 1 its successor... */
    id: (n = 0) => seededId('cpn', at, n === 0 ? seed : `${seed}#${n}`),
  };
}

/** Test-side predicates on a bound table's write arguments. */
export const isHoldPlace = (args: unknown[]) =>
  Object.keys((args[1] as { set?: object }).set ?? {}).some((c) => c.startsWith('h_'));
export const isHoldSettle = (args: unknown[]) =>
  ((args[1] as { remove?: string[] }).remove ?? []).some((c) => c.startsWith('h_'));
export const isCouponPut = (args: unknown[]) => (args[0] as { status?: string }).status === 'available';
