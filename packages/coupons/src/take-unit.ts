import { holdColumn, holdsOf, type ShardTake } from '@retail/tablestore';
import { counterOf } from './campaign-store.js';
import type { CouponDeps } from './deps.js';
import type { CampaignRecord } from './records.js';
import { sweepCampaign } from './sweep.js';

// Step 3 of a claim: one unit of the campaign, held under the coupon id (decision 0008).

/** Takes of a unit that lose every race while units remain, before the claim gives up as busy. */
const MAX_TAKES = 25;

export type UnitTake = readonly ShardTake[] | 'sold-out' | 'busy';

/**
 * One unit, held under the coupon id. Before answering sold-out it gives back units held by
 * claims that died (once per campaign at a time, shared by concurrent claims), so a crashed
 * claim never makes a campaign look sold out for good. `fresh`: the id is new (a key's first
 * attempt, or no key), so a refused hold cannot be a replay and costs no read.
 */
export async function takeUnit(
  deps: CouponDeps,
  campaign: CampaignRecord,
  couponId: string,
  at: number,
  fresh: boolean,
): Promise<UnitTake> {
  const first = await takeWhileAny(deps, campaign, couponId, at, fresh);
  if (first !== 'sold-out') return first;
  if ((await repairHolds(deps, campaign)) === 0) {
    deps.sellOuts.add(campaign.id);
    return 'sold-out';
  }
  return takeWhileAny(deps, campaign, couponId, at, fresh);
}

/**
 * The units held under `couponId` on each of the campaign's shards (one BatchGetRow of the marker
 * column): what an earlier attempt of a retried claim took. A take lands on a random shard, so a
 * retry that took again blind could hold a second unit on another shard.
 */
export async function heldBy(deps: CouponDeps, campaign: CampaignRecord, couponId: string): Promise<ShardTake[]> {
  const keys = Array.from({ length: campaign.shards }, (_, shard) => ({ campaignId: campaign.id, shard }));
  const rows = await deps.tables.shards.batchGet(keys, { columns: [holdColumn(couponId)] });
  const takes: ShardTake[] = [];
  rows.forEach((r, shard) => {
    if (!r.ok) throw r.error;
    // The counter's note is the quantity (claims take no tag), as ShardedCounter.holds reads it.
    for (const hold of r.row ? holdsOf(r.row) : []) takes.push({ shard, n: Number(hold.note.split(':')[0]) });
  });
  return takes;
}

/**
 * Whether a campaign this process saw sold out still is: its shards hold nothing and no dead
 * claim's unit came back. Answers before the claim takes a slot; false sends it the ordinary way.
 */
export async function stillSoldOut(deps: CouponDeps, campaign: CampaignRecord): Promise<boolean> {
  if (!deps.sellOuts.has(campaign.id)) return false;
  if ((await counterOf(deps.tables, campaign).remaining()) === 0 && (await repairHolds(deps, campaign)) === 0) return true;
  deps.sellOuts.delete(campaign.id);
  return false;
}

/** Gives back units of dead claims (the sweep of the campaign), shared by the claims refused meanwhile. */
function repairHolds(deps: CouponDeps, campaign: CampaignRecord): Promise<number> {
  const now = deps.clock.now();
  return deps.holdRepairs.run(campaign.id, now, async () => (await sweepCampaign(deps, campaign, now)).givenBack);
}

/**
 * A take refused while units remain lost its races to other claims (they all chase the fullest
 * shard at the end of a grab); it tries again, since sold-out may only be answered when none are left.
 */
async function takeWhileAny(
  deps: CouponDeps,
  campaign: CampaignRecord,
  couponId: string,
  at: number,
  fresh: boolean,
): Promise<UnitTake> {
  const counter = counterOf(deps.tables, campaign);
  for (let attempt = 1; attempt <= MAX_TAKES; attempt++) {
    const r = await counter.take({ id: couponId, n: 1, at, ...(fresh ? { fresh: true } : {}) });
    if (r.ok) return r.takes;
    if (r.remaining === 0) return 'sold-out';
  }
  return 'busy';
}
