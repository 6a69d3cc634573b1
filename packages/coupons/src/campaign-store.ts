import { NotFoundError, isId } from '@retail/core';
import { ShardedCounter } from '@retail/tablestore';
import type { CouponDeps } from './deps.js';
import { parseCampaignRow, type CampaignRecord } from './records.js';
import type { CouponsTables } from './tables.js';

// The campaigns table and each campaign's sharded counter of units left.

/** The campaign (from this process's cache when it was read before), or undefined. */
export async function findCampaign(deps: CouponDeps, campaignId: string): Promise<CampaignRecord | undefined> {
  if (typeof campaignId !== 'string' || !isId('cmp', campaignId)) return undefined;
  const cached = deps.campaigns.get(campaignId);
  if (cached) return cached;
  const row = await deps.tables.campaigns.get({ campaignId });
  return row ? deps.campaigns.set(campaignId, parseCampaignRow(row)) : undefined;
}

/** The campaign, or `NotFoundError('campaign', id)`. */
export async function loadCampaign(deps: CouponDeps, campaignId: string): Promise<CampaignRecord> {
  const found = await findCampaign(deps, campaignId);
  if (!found) throw new NotFoundError('campaign', campaignId);
  return found;
}

/** The counter of a campaign's units left; the hold id of a claim is its coupon id. */
export function counterOf(tables: CouponsTables, campaign: CampaignRecord): ShardedCounter<'campaignId' | 'shard'> {
  return new ShardedCounter({
    table: tables.shards,
    keyOf: (shard) => ({ campaignId: campaign.id, shard }),
    shards: campaign.shards,
    column: 'remaining',
  });
}

/**
 * Writes a new campaign: its shard rows first, then the campaign row. A crash in between leaves
 * shard rows that no campaign names, never a campaign without its units. The id is new, so the
 * row is put unconditionally: a replay after a lost response writes the same row again.
 */
export async function insertCampaign(tables: CouponsTables, record: CampaignRecord): Promise<void> {
  await counterOf(tables, record).create(record.total);
  const { id: campaignId, name, rule, total, perMemberLimit, startsAt, endsAt, shards, createdAt } = record;
  await tables.campaigns.put(
    { campaignId, name, ...rule, total, perMemberLimit, startsAt, endsAt, shards, createdAt },
    { condition: { row: 'ignore' } },
  );
}
