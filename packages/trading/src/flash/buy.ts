import { ConflictError, newId, UnavailableError } from '@retail/core';
import { placeHold } from '@retail/tablestore';
import { commitOrder } from '../create-order.js';
import type { TradingDeps } from '../deps.js';
import { writeDeadline } from '../order-store.js';
import { toOrder, sagaOf, type OrderRecord } from '../records.js';
import type { Order } from '../types/order.js';
import type { FlashPurchaseInput } from '../types/flash-sale.js';
import { loadSale } from './read-sale.js';
import { saleCounter } from './sale-counter.js';

/**
 * Buys flash-sale units: (1) take them from the sale's shards (the cheap refusal, `sold-out`,
 * comes first: it is the common one at a peak); (2) count them against the member's limit (a hold
 * on the member's buyer row); (3) write the order and its deadline. A crash after (1) or (2)
 * leaves holds that the expiry job's sweep of the sale gives back (decision 0009).
 *
 * @example
 * const order = await buyFlashSale(deps, saleId, { memberId, quantity: 1 });
 */
export async function buyFlashSale(deps: TradingDeps, saleId: string, input: FlashPurchaseInput): Promise<Order> {
  const sale = await loadSale(deps, saleId);
  const now = deps.clock.now();
  if (sale.state !== 'running' || now < sale.startsAt || now >= sale.endsAt) {
    throw new ConflictError(
      'campaign-not-active',
      `The flash sale runs from ${new Date(sale.startsAt).toISOString()} to ${new Date(sale.endsAt).toISOString()}.`,
    );
  }
  await deps.members.get(input.memberId);
  if (input.quantity > sale.perMemberLimit) throw limitReached(sale.perMemberLimit);
  const id = newId('ord', now);
  const counter = saleCounter(deps.tables, sale.id, sale.shards);
  const taken = await counter.take({ id, n: input.quantity, at: now, tag: input.memberId, fresh: true });
  if (!taken.ok && taken.reason === 'contended') {
    // Units remain, but this purchase lost every race for them: say busy (retry), never sold out.
    throw new UnavailableError(
      'flash-sale-busy',
      'Too many buyers at once for the units left; nothing was bought. Retry shortly.',
    );
  }
  if (!taken.ok) throw new ConflictError('sold-out', 'The flash sale is sold out.');
  const counted = await placeHold(
    deps.tables.saleBuyers,
    { saleId: sale.id, memberId: input.memberId },
    {
      id,
      change: { bought: input.quantity },
      require: { column: 'bought', op: '<=', value: sale.perMemberLimit - input.quantity, passIfMissing: true },
      at: now,
      note: String(input.quantity),
      createRow: true,
    },
  );
  if (!counted.placed) {
    await counter.giveBack(id, taken.takes);
    throw limitReached(sale.perMemberLimit);
  }
  const subtotal = sale.price * input.quantity;
  const order: OrderRecord = {
    id,
    memberId: input.memberId,
    storeId: sale.storeId,
    kind: 'flash',
    saleId: sale.id,
    items: [{ sku: sale.sku, name: sale.name, price: sale.price, quantity: input.quantity, subtotal }],
    takes: taken.takes,
    subtotal,
    discount: 0,
    total: subtotal,
    status: 'pending-payment',
    createdAt: now,
    expiresAt: now + deps.paymentWindowMs,
    released: false,
    settled: false,
  };
  await Promise.all([writeDeadline(deps, id, order.expiresAt, sagaOf(order)), commitOrder(deps, order)]);
  return toOrder(order);
}

function limitReached(limit: number): ConflictError {
  return new ConflictError('limit-reached', `A member may buy at most ${limit} units of this flash sale.`);
}
