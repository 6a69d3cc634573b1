import { newId } from '@retail/core';
import { shardCountFor } from '@retail/tablestore';
import { counterOf, insertCampaign, loadCampaign } from './campaign-store.js';
import { checkCreateCampaign } from './checks.js';
import type { CouponDeps } from './deps.js';
import { toCampaign, type CampaignRecord } from './records.js';
import type { Campaign, CreateCampaignInput } from './types/campaign.js';

/** Creates a campaign with all of its units left, split over shards by its size. */
export async function createCampaign(deps: CouponDeps, input: CreateCampaignInput): Promise<Campaign> {
  const { startsAt, endsAt } = checkCreateCampaign(input);
  const now = deps.clock.now();
  const record: CampaignRecord = {
    id: newId('cmp', now),
    name: input.name,
    rule: { kind: input.kind, value: input.value, minSpend: input.minSpend },
    total: input.total,
    perMemberLimit: input.perMemberLimit,
    startsAt,
    endsAt,
    shards: shardCountFor(input.total),
    createdAt: now,
  };
  await insertCampaign(deps.tables, record);
  deps.campaigns.set(record.id, record);
  return toCampaign(record, record.total);
}

/** The campaign with its live `remaining` (the sum of its shards), or `NotFoundError`. */
export async function getCampaign(deps: CouponDeps, campaignId: string): Promise<Campaign> {
  const record = await loadCampaign(deps, campaignId);
  return toCampaign(record, await counterOf(deps.tables, record).remaining());
}
