import { isId } from '@retail/core';
import { counterOf, loadCampaign } from './campaign-store.js';
import { completeIssued, settleClaimOf } from './claim-repair.js';
import type { CouponDeps } from './deps.js';
import { parseCampaignRow, type CampaignRecord } from './records.js';
import type { SweepReport } from './types/coupon.js';

/** How long after its end a campaign is still swept: claims of its last minute may need repair. */
export const SWEEP_AFTER_END_MS = 10 * 60_000;

/**
 * Settles a campaign's holds older than the grace period: a hold whose coupon was issued is
 * confirmed (after its index row and slot are made right); a hold whose claim died before the
 * coupon is given back, its coupon id voided first so the claim can never issue it afterwards;
 * a hold under an issued coupon's id on another shard than its unit (a stray) is given back.
 * Stale slots of those claims are freed by the member's next claim (decision 0008).
 */
export async function sweepCampaign(deps: CouponDeps, campaign: CampaignRecord, now: number): Promise<SweepReport> {
  const counter = counterOf(deps.tables, campaign);
  const stale = (await counter.holds()).filter((h) => h.at <= now - deps.claimGraceMs && isId('cpn', h.id));
  let confirmed = 0;
  let givenBack = 0;
  for (const hold of stale) {
    const takes = [{ shard: hold.shard, n: hold.n }];
    const outcome = await settleClaimOf(deps, hold.id, now);
    // A hold on another shard than the coupon's unit: a late take of an earlier attempt of its request.
    const stray = outcome !== 'void' && outcome.unitShard !== undefined && outcome.unitShard !== hold.shard;
    if (outcome === 'void' || stray) {
      const [settled] = await counter.giveBack(hold.id, takes);
      if (settled === 'settled') givenBack += hold.n;
    } else {
      await completeIssued(deps, outcome);
      const [settled] = await counter.confirm(hold.id, takes);
      if (settled === 'settled') confirmed += 1;
    }
  }
  return { confirmed, givenBack };
}

/** {@link sweepCampaign} by id (`NotFoundError` for an unknown campaign). */
export async function sweepCampaignById(deps: CouponDeps, campaignId: string, now: number): Promise<SweepReport> {
  return sweepCampaign(deps, await loadCampaign(deps, campaignId), now);
}

export interface RunningSweepReport extends SweepReport {
  /** Campaigns swept. */
  readonly campaigns: number;
  /** Campaigns whose sweep failed (reported through `onDeferredError`; the next run tries again). */
  readonly failed: number;
}

/**
 * Sweeps every campaign that has started and ended less than {@link SWEEP_AFTER_END_MS} ago: what
 * the function's timer runs each minute. The campaigns table is small (one row per campaign), so
 * a filtered scan of it is cheap; the claims and coupons tables are never scanned.
 */
export async function sweepRunning(deps: CouponDeps, now: number): Promise<RunningSweepReport> {
  const filter = {
    and: [
      { column: 'startsAt', op: '<=', value: now },
      { column: 'endsAt', op: '>', value: now - SWEEP_AFTER_END_MS },
    ],
  } as const;
  const report = { campaigns: 0, failed: 0, confirmed: 0, givenBack: 0 };
  for await (const row of deps.tables.campaigns.scan({ filter })) {
    report.campaigns += 1;
    try {
      const swept = await sweepCampaign(deps, parseCampaignRow(row), now);
      report.confirmed += swept.confirmed;
      report.givenBack += swept.givenBack;
    } catch (error) {
      report.failed += 1;
      deps.onDeferredError(error);
    }
  }
  return report;
}
