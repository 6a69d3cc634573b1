/**
 * Runs at most one repair of a campaign's stale holds at a time in this process, and none again
 * within `minIntervalMs` of the last: when a grab sells out, the hundreds of refused claims that
 * arrive together share one look for units abandoned by crashed claims instead of each reading
 * every shard. Holds only go stale after the grace period, so a look a second old is recent enough.
 *
 * @example
 * const givenBack = await repairs.run(campaignId, now, () => sweepCampaign(deps, campaign, now).then((r) => r.givenBack));
 */
export class HoldRepairs {
  private readonly state = new Map<string, { at: number; running: Promise<number> | undefined }>();

  constructor(private readonly minIntervalMs = 1000) {}

  run(campaignId: string, now: number, repair: () => Promise<number>): Promise<number> {
    const last = this.state.get(campaignId);
    if (last?.running) return last.running;
    if (last && now - last.at < this.minIntervalMs) return Promise.resolve(0);
    if (this.state.size >= 1000) this.state.clear(); // campaigns running at once are few; never grow without bound
    const running = repair().finally(() => this.state.set(campaignId, { at: now, running: undefined }));
    this.state.set(campaignId, { at: now, running });
    return running;
  }
}
