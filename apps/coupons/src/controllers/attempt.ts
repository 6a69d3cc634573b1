import type { ClaimAttempt } from '@retail/coupons';
import type { RequestContext } from '@retail/runtime';

/**
 * The claim attempt of a request sent with an Idempotency-Key (decisions 0008, 0011): seeded with
 * the key's scope (channel and function), the key, the campaign and the member, timed when the key
 * was first claimed. Every retry of the request then names the same coupon; the same key from
 * another channel, or for another member, names another. Undefined without a key: a new coupon id
 * each time.
 *
 * @example
 * await this.coupons.claim(id, body.memberId, claimAttempt(ctx, id, body.memberId));
 */
export function claimAttempt(ctx: RequestContext, campaignId: string, memberId: string): ClaimAttempt | undefined {
  const key = ctx.idempotency;
  if (!key) return undefined;
  // Keys are visible ASCII and campaign ids are checked before the seed is used, so no line break
  // occurs inside a part but the last: the seed is unambiguous.
  return { seed: `${key.scope}\n${key.key}\n${campaignId}\n${memberId}`, at: key.firstAt, resumed: key.resumed };
}
