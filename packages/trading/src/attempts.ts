import { newId, seededId } from '@retail/core';
import { AmbiguousWriteError, ConditionFailedError } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { orderKey } from './keys.js';
import { abandonUnlessWritten, readOrder } from './order-store.js';
import { sagaOf, toOrder, type OrderRecord } from './records.js';
import { confirmMoves, releaseHolds } from './release.js';
import type { Saga } from './saga.js';
import { repair } from './touch-order.js';
import type { Order, OrderAttempt } from './types/order.js';

// Why orders are named by their request: docs/decisions/0011-order-ids-from-idempotency-keys.md.
// Every step of a creation is a hold, a conditional write or a put keyed by the order id, so a
// retry that reuses the id repeats no step; what is left is to answer the order that exists.

/** What a creation does: answer the order its request already has, or make one under this id and time. */
export type Resolution = { readonly order: Order } | { readonly id: string; readonly createdAt: number };

/**
 * The order of a request. Without an attempt: a new id, the clock's time. With one, the id comes
 * from its seed and time, so every retry finds the same order: an order that exists is answered
 * as it is now (expired, paid...). An id the repairs gave up unmade (a tombstone), or one whose
 * payment window passed before anything was written, names a successor: the next generation of the
 * seed, timed when the first retry that found it so decided. Retries follow that chain, so a
 * request still makes at most one order, and a retry after a dead attempt runs again as API.md says.
 */
export async function resolveOrder(deps: TradingDeps, attempt: OrderAttempt | undefined, saga: Saga): Promise<Resolution> {
  if (!attempt) {
    const createdAt = deps.clock.now();
    return { id: newId('ord', createdAt), createdAt };
  }
  let at = attempt.at;
  for (let generation = 0; ; generation++) {
    const id = seededId('ord', at, generation === 0 ? attempt.seed : `${attempt.seed}#${generation}`);
    // On a key's first attempt nothing can exist under names made from it: no read.
    if (generation === 0 && attempt.resumed === false) return { id, createdAt: at };
    const found =
      (await readOrder(deps, id)) ?? (deps.clock.now() < at + deps.paymentWindowMs ? undefined : await giveUp(deps, id, saga));
    if (!found) return { id, createdAt: at };
    if (found.status !== 'abandoned') return { order: toOrder(await repair(deps, found)) };
    at = found.successorAt ?? (await succeed(deps, id, saga));
  }
}

/**
 * Whether a creation may hold anything under its id before its own first write: a retry may find
 * what an earlier attempt held.
 */
export function mayExist(attempt: OrderAttempt | undefined): boolean {
  return attempt !== undefined && attempt.resumed !== false;
}

/** Too late to make it (its window passed): the tombstone settles that it never will be, unless it was. */
async function giveUp(deps: TradingDeps, id: string, saga: Saga): Promise<OrderRecord | undefined> {
  const state = await abandonUnlessWritten(deps, id, saga);
  return state === 'abandoned' ? readOrder(deps, id) : state;
}

/**
 * Before the successor is named: what the given-up attempt held goes back now (its coupon above
 * all, which the successor locks again), as the repairs would do later. Exactly once whoever does it.
 */
async function succeed(deps: TradingDeps, id: string, saga: Saga): Promise<number> {
  await confirmMoves(deps, saga.storeId, await releaseHolds(deps, id, saga));
  return nameSuccessor(deps, id);
}

/** Records on a tombstone when its successor is made (now); the first retry to get there decides for all. */
async function nameSuccessor(deps: TradingDeps, id: string): Promise<number> {
  const at = deps.clock.now();
  try {
    await deps.tables.orders.update(
      orderKey(id),
      { set: { successorAt: at } },
      {
        condition: {
          row: 'exists',
          // "No successor yet": a value no time has, or the column missing.
          columns: {
            and: [
              { column: 'status', op: '=', value: 'abandoned' },
              { column: 'successorAt', op: '=', value: -1, passIfMissing: true },
            ],
          },
        },
      },
    );
    return at;
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !(error instanceof AmbiguousWriteError)) throw error;
    const named = (await readOrder(deps, id))?.successorAt;
    if (named === undefined) throw error;
    return named;
  }
}

/**
 * After the order row's write: the order that stands under the id (this one, or one an earlier
 * attempt wrote). When a repair gave the id up first (a request that outlived its function timeout,
 * or a retry that came late), what this attempt may have held again is released; a keyed request
 * then goes on to the id's successor (`again`), an unkeyed one fails (the repair undid it).
 */
export async function standingOrder(
  deps: TradingDeps,
  ours: OrderRecord,
  standing: OrderRecord,
  again: (() => Promise<Order>) | undefined,
): Promise<Order> {
  if (standing.status !== 'abandoned') return toOrder(standing);
  await releaseHolds(deps, ours.id, sagaOf(ours));
  if (!again) throw new Error(`order ${ours.id} was abandoned by the repair before it was written`);
  return again();
}
