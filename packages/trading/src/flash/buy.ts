import { ConflictError, UnavailableError } from '@retail/core';
import { placeHold } from '@retail/tablestore';
import { mayExist, resolveOrder, standingOrder } from '../attempts.js';
import { commitOrder } from '../create-order.js';
import type { TradingDeps } from '../deps.js';
import { writeDeadline } from '../order-store.js';
import { sagaOf, type OrderRecord } from '../records.js';
import type { Saga } from '../saga.js';
import type { FlashPurchaseInput } from '../types/flash-sale.js';
import type { Order, OrderAttempt } from '../types/order.js';
import { loadSale } from './read-sale.js';
import { saleCounter } from './sale-counter.js';
import { takeUnits } from './take-units.js';

/**
 * Buys flash-sale units: (1) take them from the sale's shards (the cheap refusal, `sold-out`,
 * comes first: it is the common one at a peak); (2) count them against the member's limit (a hold
 * on the member's buyer row); (3) write the order and its deadline. A crash after (1) or (2)
 * leaves holds that the expiry job's sweep of the sale gives back (decision 0009).
 *
 * With an `attempt` (decision 0011) the order id comes from the request's Idempotency-Key: a retry
 * answers the order the first attempt made, or finishes it holding the same units and the same
 * count against the limit, never a second set.
 *
 * @example
 * const order = await buyFlashSale(deps, saleId, { memberId, quantity: 1 });
 */
export async function buyFlashSale(
  deps: TradingDeps,
  saleId: string,
  input: FlashPurchaseInput,
  attempt?: OrderAttempt,
): Promise<Order> {
  const sale = await loadSale(deps, saleId);
  const resolved = await resolveOrder(deps, attempt, tombstoneSaga(sale, input));
  if ('order' in resolved) return resolved.order;
  const { id, createdAt } = resolved;
  const expiresAt = createdAt + deps.paymentWindowMs;
  const now = deps.clock.now();
  if (sale.state !== 'running' || now < sale.startsAt || now >= sale.endsAt) {
    throw new ConflictError(
      'campaign-not-active',
      `The flash sale runs from ${new Date(sale.startsAt).toISOString()} to ${new Date(sale.endsAt).toISOString()}.`,
    );
  }
  await deps.members.get(input.memberId);
  if (input.quantity > sale.perMemberLimit) throw limitReached(sale.perMemberLimit);
  const wanted = { id, n: input.quantity, at: createdAt, memberId: input.memberId };
  const taken = await takeUnits(deps, sale, wanted, !mayExist(attempt));
  if (!taken.ok && taken.reason === 'contended') {
    // Units remain, but this purchase lost every race for them: say busy (retry), never sold out.
    throw new UnavailableError(
      'flash-sale-busy',
      'Too many buyers at once for the units left; nothing was bought. Retry shortly.',
    );
  }
  if (!taken.ok) throw new ConflictError('sold-out', 'The flash sale is sold out.');
  // A hold named by the order: a retry finds its own count here and is not refused the limit for it.
  const counted = await placeHold(
    deps.tables.saleBuyers,
    { saleId: sale.id, memberId: input.memberId },
    {
      id,
      change: { bought: input.quantity },
      require: { column: 'bought', op: '<=', value: sale.perMemberLimit - input.quantity, passIfMissing: true },
      at: createdAt,
      note: String(input.quantity),
      createRow: true,
    },
  );
  if (!counted.placed) {
    await saleCounter(deps.tables, sale.id, sale.shards).giveBack(id, taken.takes);
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
    createdAt,
    expiresAt,
    released: false,
    settled: false,
  };
  const [, standing] = await Promise.all([writeDeadline(deps, id, order.expiresAt, sagaOf(order)), commitOrder(deps, order)]);
  const again = attempt && (() => buyFlashSale(deps, saleId, input, { ...attempt, resumed: true }));
  return standingOrder(deps, order, standing, again);
}

/** What a repair's tombstone of this purchase names (the saga's lines are only for releasing). */
function tombstoneSaga(sale: { id: string; storeId: string; sku: string }, input: FlashPurchaseInput): Saga {
  return {
    kind: 'flash',
    memberId: input.memberId,
    storeId: sale.storeId,
    saleId: sale.id,
    lines: [{ sku: sale.sku, quantity: input.quantity }],
  };
}

function limitReached(limit: number): ConflictError {
  return new ConflictError('limit-reached', `A member may buy at most ${limit} units of this flash sale.`);
}
