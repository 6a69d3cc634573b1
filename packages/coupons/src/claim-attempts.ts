import { DomainError, seededId } from '@retail/core';
import type { ShardTake } from '@retail/tablestore';
import { claimOnce, MAX_ATTEMPTS } from './claim-once.js';
import { abandonClaim, deferStorageFailures, settleClaimOf, settleIssued } from './claim-repair.js';
import { indexCoupon, readCoupon } from './coupon-store.js';
import type { CouponDeps } from './deps.js';
import { toCoupon, type CampaignRecord, type CouponRecord } from './records.js';
import { claimBusy, soldOut } from './refusals.js';
import { readSlots } from './slots.js';
import { heldBy, stillSoldOut } from './take-unit.js';
import type { ClaimAttempt, Coupon } from './types/coupon.js';

// Why a retried claim resumes its coupon id: docs/decisions/0008-coupon-claims.md ("Retried
// claims") after 0011 for orders. Every step of a claim is keyed by the coupon id (the slot names
// it, the hold is named by it, the coupon row is it), so a retry that reuses the id repeats none.

/** Ids of one request given up unmade (tombstones) that a retry follows before it says busy. */
const MAX_GENERATIONS = 16;

/** What earlier attempts of the request did under one coupon id. */
interface EarlierWork {
  readonly coupon: CouponRecord | 'void' | undefined;
  /** The member's slots that name the id, lowest first. */
  readonly slots: readonly number[];
  readonly takes: readonly ShardTake[];
}

const NOTHING: EarlierWork = { coupon: undefined, slots: [], takes: [] };

/**
 * A claim named by its request. The coupon id comes from the attempt's seed and time, so every
 * retry finds the same claim: an issued coupon is answered (whatever its status now); a claim that
 * stopped short goes on with the slot and the unit it already holds. An id a repair gave up (a
 * tombstone) names a successor, the next generation of the seed: what the given-up claim held goes
 * back first, and the request claims again under the successor's id, so it still makes one coupon.
 * `admit` throws the refusals due before a claim starts (campaign window, unknown member).
 */
export async function claimForAttempt(
  deps: CouponDeps,
  campaign: CampaignRecord,
  memberId: string,
  attempt: ClaimAttempt,
  admit: () => void,
): Promise<Coupon> {
  let started = 0;
  for (let generation = 0; generation < MAX_GENERATIONS && started < MAX_ATTEMPTS; generation++) {
    const couponId = seededId('cpn', attempt.at, generation === 0 ? attempt.seed : `${attempt.seed}#${generation}`);
    // On a key's first attempt nothing can exist under names made from it: no read.
    const fresh = generation === 0 && attempt.resumed === false;
    const earlier = fresh ? NOTHING : await earlierWork(deps, campaign, memberId, couponId);
    if (earlier.coupon === 'void') {
      // Exactly once, whoever does it (the repair that voided it, or this retry).
      await abandonClaim(deps, campaign, { memberId, couponId, slots: earlier.slots }, earlier.takes);
      continue;
    }
    const issued = earlier.coupon ?? (await admitOrUndo(deps, campaign, memberId, couponId, earlier, admit));
    if (issued) return answer(deps, campaign, issued, earlier);
    started += 1;
    const { slots, takes } = earlier;
    const coupon = await claimOnce(deps, campaign, memberId, { couponId, claimedAt: attempt.at, slots, takes, fresh });
    if (coupon) return coupon;
  }
  throw claimBusy('The claim could not be completed; try again.');
}

/** The coupon row, the member's slots naming the id and the shards' holds under it: three reads at once. */
async function earlierWork(deps: CouponDeps, campaign: CampaignRecord, memberId: string, couponId: string): Promise<EarlierWork> {
  const [coupon, slots, takes] = await Promise.all([
    readCoupon(deps.tables, couponId),
    readSlots(deps.tables, campaign.id, memberId),
    heldBy(deps, campaign, couponId),
  ]);
  return { coupon, slots: slots.filter((s) => s.couponId === couponId).map((s) => s.slot), takes };
}

/**
 * The refusals due before a claim starts (and the sold-out fast path when it holds no unit yet).
 * A refused retry undoes what its earlier attempt held, voiding the id first: that attempt's coupon
 * put may still land. When it did land, the claim happened: its coupon is returned, to be answered.
 */
async function admitOrUndo(
  deps: CouponDeps,
  campaign: CampaignRecord,
  memberId: string,
  couponId: string,
  earlier: EarlierWork,
  admit: () => void,
): Promise<CouponRecord | undefined> {
  try {
    admit();
    if (earlier.takes.length === 0 && (await stillSoldOut(deps, campaign))) throw soldOut();
    return undefined;
  } catch (refusal) {
    if (!(refusal instanceof DomainError) || (earlier.slots.length === 0 && earlier.takes.length === 0)) throw refusal;
    const outcome = await settleClaimOf(deps, couponId, deps.clock.now());
    if (outcome !== 'void') return outcome;
    await abandonClaim(deps, campaign, { memberId, couponId, slots: earlier.slots }, earlier.takes);
    throw refusal;
  }
}

/** An issued coupon found by a retry: answered as it is now, its index row, slot and hold finished. */
async function answer(deps: CouponDeps, campaign: CampaignRecord, coupon: CouponRecord, earlier: EarlierWork): Promise<Coupon> {
  // The seed names the request (its key, campaign and member): another claim's coupon here is a defect.
  if (coupon.campaignId !== campaign.id) throw new Error(`claim attempt: coupon ${coupon.id} is of another campaign`);
  const index = indexCoupon(deps.tables, coupon.memberId, coupon.id, coupon.campaignId);
  deferStorageFailures(deps, await Promise.allSettled([index, ...settleIssued(deps, campaign, coupon, earlier, earlier.takes)]));
  return toCoupon(coupon, deps.clock.now());
}
