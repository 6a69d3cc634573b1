import { ConflictError, newId, seededId } from '@retail/core';
import type { TradingDeps } from './deps.js';
import { abandonUnlessWritten, readOrder } from './order-store.js';
import { sagaOf, toOrder, type OrderRecord } from './records.js';
import { releaseHolds } from './release.js';
import type { Saga } from './saga.js';
import { repair } from './touch-order.js';
import type { Order, OrderAttempt } from './types/order.js';

// Why orders are named by their request: docs/decisions/0011-order-ids-from-idempotency-keys.md.
// Every step of a creation is a hold, a conditional write or a put keyed by the order id, so a
// retry that reuses the id repeats no step; what is left is to answer the order that exists.

/** The order's id and time: from the attempt when there is one, so that every retry has the same; else new. */
export function orderIdentity(deps: TradingDeps, attempt: OrderAttempt | undefined): { id: string; createdAt: number } {
  if (!attempt) {
    const createdAt = deps.clock.now();
    return { id: newId('ord', createdAt), createdAt };
  }
  return { id: seededId('ord', attempt.at, attempt.seed), createdAt: attempt.at };
}

/** Whether the order may already exist (an earlier attempt may have started it). */
export function mayExist(attempt: OrderAttempt | undefined): boolean {
  return attempt !== undefined && attempt.resumed !== false;
}

/**
 * For a retry: the order an earlier attempt made, as it is now (expired, paid...); undefined when
 * there is none yet and this attempt may make it. An earlier attempt given up by the repairs, or
 * one whose payment window has passed without an order, is refused: its order can never exist now.
 */
export async function earlierOrder(deps: TradingDeps, id: string, expiresAt: number, saga: Saga): Promise<Order | undefined> {
  const found = await readOrder(deps, id);
  if (found && found.status !== 'abandoned') return toOrder(await repair(deps, found));
  if (found) throw orderAbandoned(id);
  if (deps.clock.now() < expiresAt) return undefined;
  // Too late to make it: the expiry job undoes what it held. Settle which it is, once and for all.
  const state = await abandonUnlessWritten(deps, id, saga);
  if (state === 'abandoned') throw orderAbandoned(id);
  return toOrder(await repair(deps, state));
}

/**
 * After the order row's write: the order that stands under the id (this one, or one an earlier
 * attempt wrote). When a repair gave the id up first (a request that outlived its function timeout,
 * or a retry that came late), what this attempt may have held again is released and it is refused,
 * as the repair did for the attempt before it.
 */
export async function standingOrder(
  deps: TradingDeps,
  ours: OrderRecord,
  standing: OrderRecord,
  attempt: OrderAttempt | undefined,
): Promise<Order> {
  if (standing.status !== 'abandoned') return toOrder(standing);
  await releaseHolds(deps, ours.id, sagaOf(ours));
  if (!attempt) throw new Error(`order ${ours.id} was abandoned by the repair before it was written`);
  throw orderAbandoned(ours.id);
}

function orderAbandoned(id: string): ConflictError {
  return new ConflictError(
    'order-abandoned',
    `The order this Idempotency-Key started (${id}) was never completed and has been given up; nothing is held for it. ` +
      'Send the order again with a new Idempotency-Key.',
  );
}
