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
  private readonly entries = new Map<string, CampaignRecord>();

  constructor(private readonly capacity = 500) {}

  get(campaignId: string): CampaignRecord | undefined {
    return this.entries.get(campaignId);
  }

  put(record: CampaignRecord): CampaignRecord {
    if (!this.entries.has(record.id) && this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(record.id, record);
    return record;
  }
}
