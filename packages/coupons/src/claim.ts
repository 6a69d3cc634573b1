import { NotFoundError, isId, newId } from '@retail/core';
import { findCampaign } from './campaign-store.js';
import { claimForAttempt } from './claim-attempts.js';
import { claimOnce, MAX_ATTEMPTS } from './claim-once.js';
import { membersOf, type CouponDeps } from './deps.js';
import { claimBusy, notActive, soldOut } from './refusals.js';
import { stillSoldOut } from './take-unit.js';
import type { ClaimAttempt, Coupon } from './types/coupon.js';

// A claim, step by step (docs/decisions/0008-coupon-claims.md): 1. campaign, window, member;
// then, under one coupon id (claim-once.ts), 2. a slot, 3. a unit, 4. the coupon, 5. confirmation.
// With an attempt (a request's Idempotency-Key) the coupon id comes from the request, so a retry
// resumes the claim its lost answer was about (claim-attempts.ts).

/**
 * Claims a coupon of the campaign for the member, or says why not (`ConflictError`, `NotFoundError`).
 * With an `attempt`, every retry of the request answers, or finishes, the same claim.
 */
export async function claimCoupon(
  deps: CouponDeps,
  campaignId: string,
  memberId: string,
  attempt?: ClaimAttempt,
): Promise<Coupon> {
  const members = membersOf(deps);
  const [campaign, known] = await Promise.all([
    findCampaign(deps, campaignId),
    typeof memberId === 'string' && isId('mem', memberId) ? members.exists(memberId) : false,
  ]);
  if (!campaign) throw new NotFoundError('campaign', campaignId);
  const admit = (): void => {
    const now = deps.clock.now();
    if (now < campaign.startsAt || now >= campaign.endsAt) throw notActive();
    if (!known) throw new NotFoundError('member', memberId);
  };
  if (attempt) return claimForAttempt(deps, campaign, memberId, attempt, admit);
  admit();
  if (await stillSoldOut(deps, campaign)) throw soldOut();
  for (let started = 1; started <= MAX_ATTEMPTS; started++) {
    const at = deps.clock.now();
    const coupon = await claimOnce(deps, campaign, memberId, {
      couponId: newId('cpn', at),
      claimedAt: at,
      slots: [],
      takes: [],
      fresh: true,
    });
    if (coupon) return coupon;
  }
  throw claimBusy('The claim could not be completed; try again.');
}
