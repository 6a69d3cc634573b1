import { DomainError, newId } from '@retail/core';
import type { TradingDeps } from './deps.js';
import { deleteDeadline, indexForMember, insertOrder, writeDeadline } from './order-store.js';
import { checkDistinctSkus, outOfStock, priceLines, subtotalOf } from './pricing.js';
import { type OrderRecord, toOrder } from './records.js';
import { releaseHolds } from './release.js';
import type { Saga } from './saga.js';
import type { CreateOrderInput, Order } from './types/order.js';

/**
 * Creates an order as a saga (decision 0009): (1) the deadline row records what the order will
 * hold; (2) every line's stock is held; (3) the coupon is locked; (4) the order row is written.
 * A refusal at (2) or (3) undoes what was held and answers the refusal with nothing changed; a
 * crash anywhere leaves the deadline row, from which the expiry job undoes the rest.
 *
 * @example
 * const order = await createOrder(deps, { memberId, storeId, items: [{ sku: 'milk-1l', quantity: 2 }] });
 */
export async function createOrder(deps: TradingDeps, input: CreateOrderInput): Promise<Order> {
  checkDistinctSkus(input.items);
  await Promise.all([deps.members.get(input.memberId), deps.stores.get(input.storeId)]);
  const offers = await deps.stock.offers(
    input.storeId,
    input.items.map((i) => i.sku),
  );
  const items = priceLines(input.storeId, input.items, offers);
  const subtotal = subtotalOf(items);
  const createdAt = deps.clock.now();
  const id = newId('ord', createdAt);
  const expiresAt = createdAt + deps.paymentWindowMs;
  const saga: Saga = {
    kind: 'regular',
    memberId: input.memberId,
    storeId: input.storeId,
    lines: input.items.map(({ sku, quantity }) => ({ sku, quantity })),
    couponId: input.couponId,
  };
  await writeDeadline(deps, id, expiresAt, saga);
  let discount = 0;
  try {
    const reserved = await deps.stock.reserve(input.storeId, id, saga.lines);
    if (!reserved.ok) throw outOfStock(reserved.sku, reserved.available);
    if (input.couponId) {
      const locked = await deps.coupons.lockForOrder(input.couponId, {
        memberId: input.memberId,
        orderId: id,
        subtotal,
        now: createdAt,
      });
      discount = Math.min(locked.discount, subtotal);
    }
  } catch (error) {
    // An expected refusal: undo now and answer it. Anything else is left to the expiry job,
    // which knows from the deadline row what to undo (this process may not be able to).
    if (error instanceof DomainError) await undo(deps, id, expiresAt, saga);
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
  await commitOrder(deps, order);
  return toOrder(order);
}

/** Step (4): the order row and the member's index row. A repair that got there first wins. */
export async function commitOrder(deps: TradingDeps, order: OrderRecord): Promise<void> {
  const [written] = await Promise.all([insertOrder(deps, order), indexForMember(deps, order)]);
  if (written === 'abandoned') {
    // Only after the repair window (the request outlived its function timeout): the repair has
    // released, or will release, what this order held.
    throw new Error(`order ${order.id} was abandoned by the repair before it was written`);
  }
}

async function undo(deps: TradingDeps, orderId: string, dueAt: number, saga: Saga): Promise<void> {
  await releaseHolds(deps, orderId, saga);
  await deleteDeadline(deps, orderId, dueAt);
}
