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

/** A claim as its repairs name it: every slot of the member that names its coupon id. */
export interface ClaimOfId {
  readonly memberId: string;
  readonly couponId: string;
  readonly slots: readonly number[];
}

/**
 * Undoes a claim whose coupon id is void: its unit goes back to the campaign (from `takes`, or
 * found among the shards' holds), its slots are freed, its member index row removed.
 */
export async function abandonClaim(
  deps: CouponDeps,
  campaign: CampaignRecord,
  claim: ClaimOfId,
  takes: readonly ShardTake[] | undefined,
): Promise<void> {
  const counter = counterOf(deps.tables, campaign);
  const held = takes ?? (await counter.holds()).filter((h) => h.id === claim.couponId);
  await counter.giveBack(claim.couponId, held);
  const { memberId, couponId } = claim;
  await Promise.all([
    ...claim.slots.map((slot) => freeSlot(deps.tables, { campaignId: campaign.id, memberId, couponId, slot })),
    unindexCoupon(deps.tables, memberId, couponId),
  ]);
}

/**
 * What finishes an issued coupon's claim once the coupon stands: of `takes`, the hold on its unit
 * shard is confirmed, and its slot is marked issued. Any other hold or slot under the id is a late
 * write of an earlier attempt of the same request (decision 0011): the hold is given back, the slot
 * freed. A unit hold not among `takes` is left to the sweep, which confirms it.
 * Returned as promises, so that a claim can let their storage failures go to the repairs.
 */
export function settleIssued(
  deps: CouponDeps,
  campaign: CampaignRecord,
  coupon: CouponRecord,
  claim: Pick<ClaimOfId, 'slots'>,
  takes: readonly ShardTake[],
): Promise<unknown>[] {
  const counter = counterOf(deps.tables, campaign);
  const { id: couponId, memberId, slot, unitShard } = coupon;
  // A coupon written before unit shards were recorded: every hold under its id is its unit.
  const isUnit = (t: ShardTake) => unitShard === undefined || t.shard === unitShard;
  const unit = takes.filter(isUnit);
  const strays = takes.filter((t) => !isUnit(t));
  const key = { campaignId: campaign.id, memberId, couponId };
  return [
    counter.confirm(couponId, unit),
    ...(strays.length > 0 ? [counter.giveBack(couponId, strays)] : []),
    markSlotIssued(deps.tables, { ...key, slot }),
    ...claim.slots.filter((s) => s !== slot).map((s) => freeSlot(deps.tables, { ...key, slot: s })),
  ];
}

/**
 * Frees the member's slots whose claims died before issuing a coupon (pending, older than the
 * grace period, coupon id voided here); a pending slot whose coupon exists is marked issued, or
 * freed when the coupon names another slot (a late slot put of an earlier attempt).
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
      await abandonClaim(deps, campaign, { ...slot, slots: [slot.slot] }, undefined);
      freed += 1;
    } else if (outcome.slot !== slot.slot) {
      await freeSlot(deps.tables, slot);
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
