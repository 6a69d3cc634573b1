import type { RequestContext } from '@retail/runtime';
import type { OrderAttempt } from '@retail/trading';

/**
 * The order attempt of a request sent with an Idempotency-Key (decision 0011): seeded with the
 * key's scope (channel and function), the key and the member, timed when the key was first
 * claimed. Every retry of the request then names the same order; the same key from another
 * channel, or for another member, names another. Undefined without a key: a new order each time.
 *
 * @example
 * await this.trading.createOrder(input, orderAttempt(ctx, input.memberId));
 */
export function orderAttempt(ctx: RequestContext, memberId: string): OrderAttempt | undefined {
  const key = ctx.idempotency;
  if (!key) return undefined;
  // Keys are visible ASCII, so a line break cannot occur inside a part: the seed is unambiguous.
  return { seed: `${key.scope}\n${key.key}\n${memberId}`, at: key.firstAt, resumed: key.resumed };
}
