import { BoundedCache } from '@retail/core';
import type { CampaignRecord } from './records.js';

/**
 * Campaign rows by id, kept per process. A campaign row is written once and never changed, so a
 * cached copy cannot go stale; during a coupon grab every claim of an instance then skips the
 * campaign read. Bounded: the oldest entry goes when it is full.
 *
 * @example
 * const cache = new CampaignCache(500);
 * cache.get(id) ?? cache.put(await readCampaignRow(id));
 */
export class CampaignCache {
  private readonly entries: BoundedCache<string, CampaignRecord>;

  constructor(capacity = 500) {
    this.entries = new BoundedCache(capacity);
  }

  get(campaignId: string): CampaignRecord | undefined {
    return this.entries.get(campaignId);
  }

  put(record: CampaignRecord): CampaignRecord {
    return this.entries.set(record.id, record);
  }
}
