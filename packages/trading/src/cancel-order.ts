import { ConflictError } from '@retail/core';
import type { TradingDeps } from './deps.js';
import { endOrder } from './end-order.js';
import { toOrder } from './records.js';
import { touchOrder } from './touch-order.js';
import type { Order } from './types/order.js';

/**
 * Cancels an unpaid order: its stock and coupon come back. Cancelling a cancelled order returns it
 * again; a paid or expired order is `not-cancellable`.
 *
 * @example
 * const cancelled = await cancelOrder(deps, orderId);
 */
export async function cancelOrder(deps: TradingDeps, orderId: string): Promise<Order> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await touchOrder(deps, orderId);
    if (order.status === 'cancelled') return toOrder(order);
    if (order.status !== 'pending-payment') throw new ConflictError('not-cancellable', `Order ${orderId} is ${order.status}.`);
    const ended = await endOrder(deps, order, 'cancelled');
    if (ended) return toOrder(ended);
  }
  throw new ConflictError('not-cancellable', `Order ${orderId} kept changing; try again.`);
}
