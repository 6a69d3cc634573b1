import { TablestoreError, type ShardTake } from '@retail/tablestore';
import { abandonClaim, deferStorageFailures, repairStaleSlots, settleClaimOf, settleIssued } from './claim-repair.js';
import { indexCoupon, insertCoupon } from './coupon-store.js';
import type { CouponDeps } from './deps.js';
import { toCoupon, type CampaignRecord, type CouponRecord } from './records.js';
import { claimBusy, limitReached, soldOut } from './refusals.js';
import { freeSlot, takeSlot } from './slots.js';
import { takeUnit } from './take-unit.js';
import type { Coupon } from './types/coupon.js';

// Steps 2 to 5 of a claim under one coupon id (docs/decisions/0008-coupon-claims.md): 2. a slot of
// the member (per-member limit); 3. a unit of the campaign (a hold, id = coupon id); 4. the coupon
// row and its member index row; 5. the hold confirmed, the slot marked issued. A crash after any
// step leaves what a repair finishes or undoes: the sweep, or the member's next claim. A retried
// request starts from what its earlier attempt did under the same id (decision 0011).

/** Claims started in one request: a repair may void a claim that was only slow, which then starts over. */
export const MAX_ATTEMPTS = 3;

/** Where a claim under one coupon id starts. */
export interface ClaimStart {
  readonly couponId: string;
  /** The coupon's `claimedAt`. */
  readonly claimedAt: number;
  /** The member's slots naming the id already (an earlier attempt's): the first is used, none taken. */
  readonly slots: readonly number[];
  /** Units held under the id already (an earlier attempt's): used, none taken. */
  readonly takes: readonly ShardTake[];
  /** Nothing was ever held under the id: a refused take is no replay, and costs no read. */
  readonly fresh: boolean;
}

interface Claim {
  readonly campaign: CampaignRecord;
  readonly memberId: string;
  readonly couponId: string;
  readonly slot: number;
  /** Every slot naming the id: `slot`, and any other an earlier attempt left. */
  readonly slots: readonly number[];
  readonly claimedAt: number;
}

/** One claim under `start.couponId`; undefined when a repair voided the id while it was slow (nothing of it is left). */
export async function claimOnce(
  deps: CouponDeps,
  campaign: CampaignRecord,
  memberId: string,
  start: ClaimStart,
): Promise<Coupon | undefined> {
  const now = deps.clock.now(); // the slot's and the hold's time: what the repairs age them by
  const { couponId } = start;
  const slot = start.slots[0] ?? (await takeFreeSlot(deps, campaign, memberId, couponId, now));
  if (slot === undefined) throw limitReached(campaign.perMemberLimit);
  const slots = start.slots.length > 0 ? start.slots : [slot];
  const claim: Claim = { campaign, memberId, couponId, slot, slots, claimedAt: start.claimedAt };
  let takes = start.takes.length > 0 ? start.takes : undefined;
  try {
    if (!takes) {
      const unit = await takeUnit(deps, campaign, couponId, now, start.fresh);
      if (unit === 'sold-out' || unit === 'busy') {
        await Promise.all(slots.map((s) => freeSlot(deps.tables, { campaignId: campaign.id, memberId, slot: s, couponId })));
        throw unit === 'busy' ? claimBusy('Too many claims at once; try again.') : soldOut();
      }
      takes = unit;
    }
    const [standing] = await Promise.all([
      insertCoupon(deps.tables, couponOf(claim, takes)),
      indexCoupon(deps.tables, memberId, couponId, campaign.id),
    ]);
    if (standing === 'voided') {
      await abandonClaim(deps, campaign, claim, takes);
      return undefined;
    }
    deferStorageFailures(deps, await Promise.allSettled(settleIssued(deps, campaign, standing, claim, takes)));
    return toCoupon(standing, deps.clock.now());
  } catch (error) {
    // A storage failure: settle the claim now rather than leave the member's slot blocked for the
    // grace period. Anything else (a defect, a dying process) is left to the repairs.
    if (!(error instanceof TablestoreError)) throw error;
    return recover(deps, claim, takes, error);
  }
}

/** The first free slot; when there is none, the member's abandoned slots are freed and it looks once more. */
async function takeFreeSlot(deps: CouponDeps, campaign: CampaignRecord, memberId: string, couponId: string, at: number) {
  const slot = await takeSlot(deps.tables, campaign, memberId, couponId, at);
  if (slot !== undefined || (await repairStaleSlots(deps, campaign, memberId, at)) === 0) return slot;
  return takeSlot(deps.tables, campaign, memberId, couponId, at);
}

/** After a storage failure: the coupon if it was issued after all, else the claim undone and the error rethrown. */
async function recover(deps: CouponDeps, claim: Claim, takes: readonly ShardTake[] | undefined, error: unknown): Promise<Coupon> {
  try {
    const outcome = await settleClaimOf(deps, claim.couponId, deps.clock.now());
    if (outcome !== 'void') {
      await Promise.all([
        indexCoupon(deps.tables, outcome.memberId, outcome.id, outcome.campaignId),
        ...settleIssued(deps, claim.campaign, outcome, claim, takes ?? []),
      ]);
      return toCoupon(outcome, deps.clock.now());
    }
    await abandonClaim(deps, claim.campaign, claim, takes);
  } catch (repairError) {
    deps.onDeferredError(repairError); // the sweep and the member's next claim finish it
  }
  throw error;
}

/** The coupon; its unit is the first take (a claim takes one unit, so one hold). */
function couponOf(claim: Claim, takes: readonly ShardTake[]): CouponRecord {
  return {
    id: claim.couponId,
    campaignId: claim.campaign.id,
    memberId: claim.memberId,
    slot: claim.slot,
    status: 'available',
    rule: claim.campaign.rule,
    expiresAt: claim.campaign.endsAt,
    claimedAt: claim.claimedAt,
    lockedBy: undefined,
    usedBy: undefined,
    unitShard: takes[0]?.shard,
  };
}
