import { isId, ValidationError } from '@retail/core';
import { INF_MAX, INF_MIN } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { orderKey } from './keys.js';
import { orderFromRow, toOrder } from './records.js';
import type { ListOrdersInput, OrdersPage } from './types/order.js';

/**
 * A member's orders, newest first: the member's index rows backwards, then the order rows in one
 * batch. The cursor is the last order id of the previous page. Abandoned orders (never returned
 * to anyone) are skipped.
 *
 * @example
 * const page = await listOrders(deps, memberId, { limit: 20 });
 */
export async function listOrders(deps: TradingDeps, memberId: string, input: ListOrdersInput): Promise<OrdersPage> {
  if (input.cursor !== undefined && !isId('ord', input.cursor)) {
    throw new ValidationError([{ field: 'cursor', messages: ['cursor must be a cursor returned by this list'] }]);
  }
  const { rows } = await deps.tables.memberOrders.page({
    start: { memberId, orderId: input.cursor ?? INF_MAX },
    end: { memberId, orderId: INF_MIN },
    direction: 'backward',
    limit: input.limit + 1,
  });
  const now = deps.clock.now();
  const ids = rows.map((r) => String(r.orderId)).filter((id) => id !== input.cursor);
  const pageIds = ids.slice(0, input.limit);
  const found = pageIds.length === 0 ? [] : await deps.tables.orders.batchGet(pageIds.map(orderKey));
  const items = found.flatMap((r) => {
    if (!r.ok) throw r.error;
    if (!r.row) return [];
    const order = orderFromRow(r.row);
    if (order.status === 'abandoned') return [];
    // Past its deadline an unpaid order is expired, whether or not the expiry job got to it yet.
    const overdue = order.status === 'pending-payment' && now >= order.expiresAt;
    return [toOrder(overdue ? { ...order, status: 'expired' } : order)];
  });
  return { items, nextCursor: ids.length > input.limit ? (pageIds.at(-1) ?? null) : null };
}
