import { NotFoundError } from '@retail/core';
import type { TradingDeps } from './deps.js';
import { endOrder, finishRelease, reread } from './end-order.js';
import { deleteDeadline, readOrder } from './order-store.js';
import type { OrderRecord } from './records.js';
import { settlePaid } from './settle-paid.js';

/**
 * The order, brought up to date on the way (the "next touch" repair): an unpaid order past its
 * deadline expires now, an ended order's unfinished releases and a paid order's unfinished
 * follow-ups are finished. 404 for an unknown or abandoned order.
 */
export async function touchOrder(deps: TradingDeps, orderId: string): Promise<OrderRecord> {
  const order = await readOrder(deps, orderId);
  if (!order || order.status === 'abandoned') throw new NotFoundError('order', orderId);
  return repair(deps, order);
}

export async function repair(deps: TradingDeps, order: OrderRecord): Promise<OrderRecord> {
  switch (order.status) {
    case 'pending-payment':
      if (deps.clock.now() < order.expiresAt) return order;
      return (await endOrder(deps, order, 'expired')) ?? repair(deps, await reread(deps, order.id));
    case 'cancelled':
    case 'expired':
      if (!order.released) await finishRelease(deps, order);
      return { ...order, released: true };
    case 'paid':
      if (!order.settled) {
        await settlePaid(deps, order);
        await deleteDeadline(deps, order.id, order.expiresAt);
      }
      return { ...order, settled: true };
    default:
      return order;
  }
}
