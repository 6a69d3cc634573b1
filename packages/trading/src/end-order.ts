import type { TradingDeps } from './deps.js';
import { deleteDeadline, markOrder, moveStatus, readOrder } from './order-store.js';
import { sagaOf, type OrderRecord } from './records.js';
import { confirmMoves, releaseHolds } from './release.js';

/**
 * Ends an unpaid order (`cancelled` by its member, `expired` at its deadline): the status first,
 * in one conditional write (a payment and an ending can never both win), then the releases.
 * Returns the order as it is afterwards, or undefined when it was not pending any more.
 */
export async function endOrder(
  deps: TradingDeps,
  order: OrderRecord,
  to: 'cancelled' | 'expired',
): Promise<OrderRecord | undefined> {
  const now = deps.clock.now();
  // Expiry only once the deadline passed; a cancellation only before it (after it, the order expired).
  const time =
    to === 'expired'
      ? ({ column: 'expiresAt', op: '<=', value: now } as const)
      : ({ column: 'expiresAt', op: '>', value: now } as const);
  const moved = await moveStatus(deps, order.id, 'pending-payment', { status: to, endedAt: now }, time);
  if (!moved) return undefined;
  const ended: OrderRecord = { ...order, status: to };
  await finishRelease(deps, ended);
  return { ...ended, released: true };
}

/** The releases of an ended order, repeatable until `released` is recorded; then its deadline row goes. */
export async function finishRelease(deps: TradingDeps, order: OrderRecord): Promise<void> {
  if (!order.released) {
    const moves = await releaseHolds(deps, order.id, sagaOf(order));
    await markOrder(deps, order.id, { released: true });
    await confirmMoves(deps, order.storeId, moves);
  }
  await deleteDeadline(deps, order.id, order.expiresAt);
}

/** Reads an order again after a conditional write lost to another writer. */
export async function reread(deps: TradingDeps, orderId: string): Promise<OrderRecord> {
  const now = await readOrder(deps, orderId);
  if (!now) throw new Error(`order ${orderId} vanished`);
  return now;
}
