import { ConditionFailedError } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { deadlineKey, orderKey } from './keys.js';
import { orderFromRow, orderRow, type OrderRecord } from './records.js';
import { encodeSaga, type Saga } from './saga.js';

/** The order row, or undefined. */
export async function readOrder(deps: TradingDeps, orderId: string): Promise<OrderRecord | undefined> {
  const row = await deps.tables.orders.get(orderKey(orderId));
  return row ? orderFromRow(row) : undefined;
}

/**
 * Writes a new order row; returns the order that stands under its id. A failed not-exists
 * condition is this same write landing earlier (a lost response re-sent), an earlier attempt of
 * the same request (ids from Idempotency-Keys), or the repair's tombstone: the row read says which.
 */
export async function insertOrder(deps: TradingDeps, order: OrderRecord): Promise<OrderRecord> {
  try {
    await deps.tables.orders.put(orderRow(order), { condition: { row: 'not-exists' } });
    return order;
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const standing = await readOrder(deps, order.id);
    if (!standing) throw error; // deleted in between: orders rows are never deleted
    return standing;
  }
}

/**
 * Marks an order id as abandoned unless its order row exists: afterwards no late write of the
 * order can land. Returns the real order when there is one.
 */
export async function abandonUnlessWritten(deps: TradingDeps, orderId: string, saga: Saga): Promise<OrderRecord | 'abandoned'> {
  const now = deps.clock.now();
  const tombstone: OrderRecord = {
    id: orderId,
    memberId: saga.memberId,
    storeId: saga.storeId,
    kind: saga.kind,
    saleId: saga.saleId,
    items: [],
    subtotal: 0,
    discount: 0,
    total: 0,
    status: 'abandoned',
    createdAt: now,
    expiresAt: now,
    released: false,
    settled: false,
  };
  try {
    await deps.tables.orders.put(orderRow(tombstone), { condition: { row: 'not-exists' } });
    return 'abandoned';
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const existing = await readOrder(deps, orderId);
    return !existing || existing.status === 'abandoned' ? 'abandoned' : existing;
  }
}

/** Changes an order's status if it is still `from`; false when it was not (someone else moved it). */
export async function moveStatus(
  deps: TradingDeps,
  orderId: string,
  from: string,
  set: Record<string, string | number | boolean>,
  extra?: { column: string; op: '>' | '<=' | '='; value: number | string },
): Promise<boolean> {
  const guard = { column: 'status', op: '=', value: from } as const;
  try {
    await deps.tables.orders.update(
      orderKey(orderId),
      { set },
      {
        condition: { row: 'exists', columns: extra ? { and: [guard, extra] } : guard },
      },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

export async function markOrder(deps: TradingDeps, orderId: string, set: Record<string, boolean>): Promise<void> {
  await deps.tables.orders.update(orderKey(orderId), { set }, { condition: { row: 'exists' } });
}

export async function writeDeadline(deps: TradingDeps, orderId: string, dueAt: number, saga: Saga): Promise<void> {
  await deps.tables.deadlines.put({ ...deadlineKey(orderId, dueAt), saga: encodeSaga(saga) });
}

export async function deleteDeadline(deps: TradingDeps, orderId: string, dueAt: number): Promise<void> {
  await deps.tables.deadlines.delete(deadlineKey(orderId, dueAt));
}

export async function indexForMember(deps: TradingDeps, order: OrderRecord): Promise<void> {
  await deps.tables.memberOrders.put({ memberId: order.memberId, orderId: order.id, createdAt: order.createdAt });
}
