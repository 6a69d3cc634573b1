import { TablestoreError, type ShardTake } from '@retail/tablestore';
import { counterOf } from './campaign-store.js';
import { indexCoupon, readCoupon, unindexCoupon, voidCouponId } from './coupon-store.js';
import type { CouponDeps } from './deps.js';
import type { CampaignRecord, CouponRecord } from './records.js';
import { freeSlot, markSlotIssued, readSlots } from './slots.js';

// Repairs of claims that stopped short (a crash, a storage failure, a response lost for good).
// Whether a claim issued its coupon is decided by one conditional write on the coupon id: the
// claim's own coupon put, or a repair's tombstone put, both EXPECT_NOT_EXIST. Whichever lands
// first wins, so a repair never gives back a unit or a slot whose coupon exists or will exist.

/** The claim of `couponId`: its coupon if it was issued, else `'void'` (voided now or before). */
export async function settleClaimOf(deps: CouponDeps, couponId: string, now: number): Promise<CouponRecord | 'void'> {
  const found = await readCoupon(deps.tables, couponId);
  if (found) return found;
  if ((await voidCouponId(deps.tables, couponId, now)) === 'voided') return 'void';
  const issued = await readCoupon(deps.tables, couponId);
  if (!issued || issued === 'void') throw new Error(`coupon storage: claim ${couponId} is neither issued nor void`);
  return issued;
}

/** The bookkeeping of an issued coupon whose claim stopped short: its member index row, its slot. */
export async function completeIssued(deps: CouponDeps, coupon: CouponRecord): Promise<void> {
  const { campaignId, memberId, slot, id: couponId } = coupon;
  await Promise.all([
    indexCoupon(deps.tables, memberId, couponId, campaignId),
    markSlotIssued(deps.tables, { campaignId, memberId, slot, couponId }),
  ]);
}

/**
 * Undoes a claim whose coupon id is void: its unit goes back to the campaign (from `takes`, or
 * found among the shards' holds), its slot is freed, its member index row removed.
 */
export async function abandonClaim(
  deps: CouponDeps,
  campaign: CampaignRecord,
  claim: { readonly memberId: string; readonly couponId: string; readonly slot: number },
  takes: readonly ShardTake[] | undefined,
): Promise<void> {
  const counter = counterOf(deps.tables, campaign);
  const held = takes ?? (await counter.holds()).filter((h) => h.id === claim.couponId);
  await counter.giveBack(claim.couponId, held);
  await Promise.all([
    freeSlot(deps.tables, { campaignId: campaign.id, ...claim }),
    unindexCoupon(deps.tables, claim.memberId, claim.couponId),
  ]);
}

/**
 * Frees the member's slots whose claims died before issuing a coupon (pending, older than the
 * grace period, coupon id voided here); a pending slot whose coupon exists is marked issued.
 * Returns how many slots were freed.
 */
export async function repairStaleSlots(
  deps: CouponDeps,
  campaign: CampaignRecord,
  memberId: string,
  now: number,
): Promise<number> {
  let freed = 0;
  for (const slot of await readSlots(deps.tables, campaign.id, memberId)) {
    if (slot.state !== 'pending' || slot.at > now - deps.claimGraceMs) continue;
    const outcome = await settleClaimOf(deps, slot.couponId, now);
    if (outcome === 'void') {
      await abandonClaim(deps, campaign, slot, undefined);
      freed += 1;
    } else {
      await completeIssued(deps, outcome);
    }
  }
  return freed;
}

/**
 * Runs the settled promises' outcomes: storage failures are reported (the sweep repairs them),
 * anything else is rethrown (a defect, or in tests a simulated crash).
 */
export function deferStorageFailures(deps: CouponDeps, results: readonly PromiseSettledResult<unknown>[]): void {
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof TablestoreError)) throw result.reason;
    deps.onDeferredError(result.reason);
  }
}
