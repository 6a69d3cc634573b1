import { ConflictError } from '@retail/core';
import type { TradingDeps } from './deps.js';
import { reread } from './end-order.js';
import { deleteDeadline, moveStatus } from './order-store.js';
import { toOrder, type OrderRecord } from './records.js';
import { settlePaid } from './settle-paid.js';
import { touchOrder } from './touch-order.js';
import type { Order, PaymentInput } from './types/order.js';

/**
 * Pays an order: one conditional write moves it from pending to paid (so two payments, or a
 * payment and an expiry, can never both win), then the follow-ups (stock sold, coupon used,
 * points paid exactly once). The same paymentRef again returns the paid order.
 *
 * @example
 * const paid = await payOrder(deps, orderId, { paymentRef: 'wx-4200001', amount: order.total });
 */
export async function payOrder(deps: TradingDeps, orderId: string, input: PaymentInput): Promise<Order> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await touchOrder(deps, orderId);
    const answered = decide(order, input);
    if (answered) return toOrder(answered);
    const now = deps.clock.now();
    const paid = await moveStatus(
      deps,
      orderId,
      'pending-payment',
      { status: 'paid', paymentRef: input.paymentRef, paidAt: now },
      { column: 'expiresAt', op: '>', value: now },
    );
    if (!paid) continue; // someone else moved it (a payment, a cancellation, the expiry): decide again
    const record: OrderRecord = { ...order, status: 'paid', paymentRef: input.paymentRef, paidAt: now };
    await settlePaid(deps, record);
    await deleteDeadline(deps, orderId, order.expiresAt);
    return toOrder({ ...record, settled: true });
  }
  return toOrder(await reread(deps, orderId));
}

/** The answer when the order's state decides it alone; undefined when it may be paid now. */
function decide(order: OrderRecord, input: PaymentInput): OrderRecord | undefined {
  if (order.status === 'paid') {
    if (order.paymentRef === input.paymentRef) return order;
    throw new ConflictError('not-payable', `Order ${order.id} was paid with another payment.`);
  }
  if (order.status !== 'pending-payment') throw new ConflictError('not-payable', `Order ${order.id} is ${order.status}.`);
  if (input.amount !== order.total) {
    throw new ConflictError('amount-mismatch', `The amount ${input.amount} is not the order's total ${order.total}.`);
  }
  return undefined;
}
