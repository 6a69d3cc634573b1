/**
 * Campaigns this process has seen sold out. A grab's crowd keeps claiming after the last coupon
 * went; for a campaign in here a claim first reads the shards (one BatchGetRow) and, when none
 * are left, answers sold-out without taking a slot, holding, and freeing it again (five requests).
 * Only a shortcut: sold-out is still answered only when the shards say so.
 *
 * @example
 * if (sellOuts.has(campaign.id) && (await counter.remaining()) === 0) throw soldOut();
 */
export class SellOuts {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  has(campaignId: string): boolean {
    return this.ids.has(campaignId);
  }

  add(campaignId: string): void {
    if (this.ids.size >= this.capacity) this.ids.clear();
    this.ids.add(campaignId);
  }

  /** Units came back (a repair, a release): claims take the ordinary path again. */
  delete(campaignId: string): void {
    this.ids.delete(campaignId);
  }
}
