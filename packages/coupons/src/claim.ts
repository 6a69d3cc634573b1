import { ConflictError, NotFoundError, UnavailableError, isId, newId } from '@retail/core';
import { TablestoreError, type ShardTake } from '@retail/tablestore';
import { counterOf, findCampaign } from './campaign-store.js';
import { abandonClaim, completeIssued, deferStorageFailures, repairStaleSlots, settleClaimOf } from './claim-repair.js';
import { indexCoupon, insertCoupon } from './coupon-store.js';
import { membersOf, type CouponDeps } from './deps.js';
import { toCoupon, type CampaignRecord, type CouponRecord } from './records.js';
import { freeSlot, markSlotIssued, takeSlot } from './slots.js';
import { stillSoldOut, takeUnit } from './take-unit.js';
import type { Coupon } from './types/coupon.js';

// A claim, step by step (docs/decisions/0008-coupon-claims.md): 1. campaign, window, member;
// 2. a slot of the member (per-member limit); 3. a unit of the campaign (a hold, id = coupon id);
// 4. the coupon row and its member index row; 5. the hold confirmed, the slot marked issued.
// A crash after any step leaves what a repair finishes or undoes: the sweep, or the member's next claim.

/** Claim attempts: a repair may void a claim that was only slow, which then starts over. */
const MAX_ATTEMPTS = 3;

interface Claim {
  readonly campaign: CampaignRecord;
  readonly memberId: string;
  readonly couponId: string;
  readonly slot: number;
  readonly at: number;
}

/** Claims a coupon of the campaign for the member, or says why not (`ConflictError`, `NotFoundError`). */
export async function claimCoupon(deps: CouponDeps, campaignId: string, memberId: string): Promise<Coupon> {
  const members = membersOf(deps);
  const [campaign, known] = await Promise.all([
    findCampaign(deps, campaignId),
    typeof memberId === 'string' && isId('mem', memberId) ? members.exists(memberId) : false,
  ]);
  if (!campaign) throw new NotFoundError('campaign', campaignId);
  const now = deps.clock.now();
  if (now < campaign.startsAt || now >= campaign.endsAt)
    throw new ConflictError('campaign-not-active', 'The campaign is not taking claims now (before its start or after its end).');
  if (!known) throw new NotFoundError('member', memberId);
  if (await stillSoldOut(deps, campaign)) throw soldOut();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const coupon = await claimOnce(deps, campaign, memberId);
    if (coupon) return coupon;
  }
  throw new UnavailableError('claim-busy', 'The claim could not be completed; try again.');
}

/** One attempt; undefined when a repair voided it while it was slow (nothing of it is left). */
async function claimOnce(deps: CouponDeps, campaign: CampaignRecord, memberId: string): Promise<Coupon | undefined> {
  const at = deps.clock.now();
  const couponId = newId('cpn', at);
  const slot = await takeFreeSlot(deps, campaign, memberId, couponId, at);
  if (slot === undefined)
    throw new ConflictError('limit-reached', `The member holds ${campaign.perMemberLimit} coupon(s) of this campaign already.`);
  const claim: Claim = { campaign, memberId, couponId, slot, at };
  let takes: readonly ShardTake[] | undefined;
  try {
    const unit = await takeUnit(deps, campaign, couponId, at);
    if (unit === 'sold-out' || unit === 'busy') {
      await freeSlot(deps.tables, { campaignId: campaign.id, memberId, slot, couponId });
      throw unit === 'busy' ? new UnavailableError('claim-busy', 'Too many claims at once; try again.') : soldOut();
    }
    takes = unit;
    const record = couponOf(claim);
    const [written] = await Promise.all([
      insertCoupon(deps.tables, record),
      indexCoupon(deps.tables, memberId, couponId, campaign.id),
    ]);
    if (written === 'voided') {
      await abandonClaim(deps, campaign, claim, takes);
      return undefined;
    }
    const counter = counterOf(deps.tables, campaign);
    deferStorageFailures(
      deps,
      await Promise.allSettled([
        counter.confirm(couponId, takes),
        markSlotIssued(deps.tables, { campaignId: campaign.id, memberId, slot, couponId }),
      ]),
    );
    return toCoupon(record, deps.clock.now());
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
      await completeIssued(deps, outcome);
      if (takes) await counterOf(deps.tables, claim.campaign).confirm(claim.couponId, takes);
      return toCoupon(outcome, deps.clock.now());
    }
    await abandonClaim(deps, claim.campaign, claim, takes);
  } catch (repairError) {
    deps.onDeferredError(repairError); // the sweep and the member's next claim finish it
  }
  throw error;
}

function soldOut(): ConflictError {
  return new ConflictError('sold-out', 'Every coupon of this campaign has been claimed.');
}

function couponOf(claim: Claim): CouponRecord {
  return {
    id: claim.couponId,
    campaignId: claim.campaign.id,
    memberId: claim.memberId,
    slot: claim.slot,
    status: 'available',
    rule: claim.campaign.rule,
    expiresAt: claim.campaign.endsAt,
    claimedAt: claim.at,
    lockedBy: undefined,
    usedBy: undefined,
  };
}
