import { DomainError } from '@retail/core';
import { mayExist, resolveOrder, standingOrder } from './attempts.js';
import type { TradingDeps } from './deps.js';
import { deleteDeadline, indexForMember, insertOrder, writeDeadline } from './order-store.js';
import { checkDistinctSkus, outOfStock, priceLines, subtotalOf } from './pricing.js';
import type { OrderRecord } from './records.js';
import { releaseHolds } from './release.js';
import type { Saga } from './saga.js';
import type { CreateOrderInput, Order, OrderAttempt, OrderItem } from './types/order.js';

/**
 * Creates an order as a saga (decision 0009): (1) the deadline row records what the order will
 * hold; (2) every line's stock is held; (3) the coupon is locked; (4) the order row is written.
 * A refusal at (2) or (3) undoes what was held and answers the refusal with nothing changed; a
 * crash anywhere leaves the deadline row, from which the expiry job undoes the rest.
 *
 * With an `attempt` (a request's Idempotency-Key, decision 0011) the order's id and time come from
 * it, so a retry of a request whose answer was lost repeats no step: it answers the order the
 * first attempt made, whatever its status now, or finishes making it (or, when the repairs gave
 * that one up unmade, makes its one successor).
 *
 * @example
 * const order = await createOrder(deps, { memberId, storeId, items: [{ sku: 'milk-1l', quantity: 2 }] });
 */
export async function createOrder(deps: TradingDeps, input: CreateOrderInput, attempt?: OrderAttempt): Promise<Order> {
  checkDistinctSkus(input.items);
  const saga: Saga = {
    kind: 'regular',
    memberId: input.memberId,
    storeId: input.storeId,
    lines: input.items.map(({ sku, quantity }) => ({ sku, quantity })),
    couponId: input.couponId,
  };
  const resolved = await resolveOrder(deps, attempt, saga);
  if ('order' in resolved) return resolved.order;
  const { id, createdAt } = resolved;
  const expiresAt = createdAt + deps.paymentWindowMs;
  // A retry may find holds of its first attempt even when it is refused before its own first write.
  let mayHold = mayExist(attempt);
  let items: OrderItem[] = [];
  let subtotal = 0;
  let discount = 0;
  try {
    await Promise.all([deps.members.get(input.memberId), deps.stores.get(input.storeId)]);
    const offers = await deps.stock.offers(
      input.storeId,
      input.items.map((i) => i.sku),
    );
    items = priceLines(input.storeId, input.items, offers);
    subtotal = subtotalOf(items);
    mayHold = true;
    await writeDeadline(deps, id, expiresAt, saga);
    const reserved = await deps.stock.reserve(input.storeId, id, saga.lines);
    if (!reserved.ok) throw outOfStock(reserved.sku, reserved.available);
    if (input.couponId) {
      const locked = await deps.coupons.lockForOrder(input.couponId, {
        memberId: input.memberId,
        orderId: id,
        subtotal,
        now: deps.clock.now(),
      });
      discount = Math.min(locked.discount, subtotal);
    }
  } catch (error) {
    // An expected refusal: undo now and answer it. Anything else is left to the expiry job,
    // which knows from the deadline row what to undo (this process may not be able to).
    if (error instanceof DomainError && mayHold) await undo(deps, id, expiresAt, saga);
    throw error;
  }
  const order: OrderRecord = {
    id,
    memberId: input.memberId,
    storeId: input.storeId,
    kind: 'regular',
    items,
    subtotal,
    discount,
    total: subtotal - discount,
    couponId: input.couponId,
    status: 'pending-payment',
    createdAt,
    expiresAt,
    released: false,
    settled: false,
  };
  const again = attempt && (() => createOrder(deps, input, { ...attempt, resumed: true }));
  return standingOrder(deps, order, await commitOrder(deps, order), again);
}

/**
 * Step (4): the order row and the member's index row. Returns the order that stands under the id:
 * this one, or what was written first (an earlier attempt's order, a repair's tombstone).
 */
export async function commitOrder(deps: TradingDeps, order: OrderRecord): Promise<OrderRecord> {
  const [standing] = await Promise.all([insertOrder(deps, order), indexForMember(deps, order)]);
  return standing;
}

async function undo(deps: TradingDeps, orderId: string, dueAt: number, saga: Saga): Promise<void> {
  await releaseHolds(deps, orderId, saga);
  await deleteDeadline(deps, orderId, dueAt);
}
