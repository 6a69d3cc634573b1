import { bindTable, defineTable, type Table, type TablestoreClient } from '@retail/tablestore';

// Layouts and the reasons for them: docs/decisions/0009-orders-as-sagas.md.

/**
 * One row per order, keyed by a hash prefix of its id (ids are time-ordered; the prefix spreads
 * new orders over partitions). the row is written once the order's
 * stock and coupon are held (`pending-payment`), or as an `abandoned` tombstone by the repair of
 * an order that never got that far, so a late write of it can never land (a keyed order's
 * tombstone then names its successor, `successorAt`: decision 0011). `released` and `settled`
 * record that a finished order's follow-up steps are done.
 */
export const ordersTable = defineTable({
  name: 'orders',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'orderId', type: 'string' },
  ],
  columns: {
    memberId: 'string',
    storeId: 'string',
    kind: 'string',
    saleId: 'string',
    items: 'string',
    takes: 'string',
    subtotal: 'integer',
    discount: 'integer',
    total: 'integer',
    couponId: 'string',
    status: 'string',
    createdAt: 'integer',
    expiresAt: 'integer',
    paidAt: 'integer',
    paymentRef: 'string',
    endedAt: 'integer',
    released: 'boolean',
    settled: 'boolean',
    successorAt: 'integer',
  },
});

/** A member's orders, newest first by a backward range (order ids sort by time). */
export const memberOrdersTable = defineTable({
  name: 'member_orders',
  primaryKey: [
    { name: 'memberId', type: 'string' },
    { name: 'orderId', type: 'string' },
  ],
  columns: { createdAt: 'integer' },
});

/**
 * The saga log and the expiry schedule in one: a row per order, written before the order takes
 * anything, due at the order's `expiresAt`, holding what a repair needs to undo it. The expiry job
 * reads each bucket's due rows; the row goes once the order is final and its follow-ups are done.
 */
export const orderDeadlinesTable = defineTable({
  name: 'order_deadlines',
  primaryKey: [
    { name: 'bucket', type: 'integer' },
    { name: 'dueAt', type: 'integer' },
    { name: 'orderId', type: 'string' },
  ],
  columns: { saga: 'string' },
});

/** One row per flash sale; `state` creating -> running -> ended (its unsold units returned). */
export const flashSalesTable = defineTable({
  name: 'flash_sales',
  primaryKey: [{ name: 'saleId', type: 'string' }],
  columns: {
    storeId: 'string',
    sku: 'string',
    name: 'string',
    price: 'integer',
    quantity: 'integer',
    perMemberLimit: 'integer',
    startsAt: 'integer',
    endsAt: 'integer',
    shards: 'integer',
    state: 'string',
    createdAt: 'integer',
  },
});

/** A flash sale's units, split over shard rows (decision 0007); holds are the buyers' order ids. */
export const flashSaleShardsTable = defineTable({
  name: 'flash_sale_shards',
  primaryKey: [
    { name: 'saleId', type: 'string' },
    { name: 'shard', type: 'integer' },
  ],
  columns: { remaining: 'integer', state: 'string', drained: 'integer', returned: 'boolean' },
});

/** Units each member holds of a flash sale (`bought`), each purchase a hold: the per-member limit. */
export const flashSaleBuyersTable = defineTable({
  name: 'flash_sale_buyers',
  primaryKey: [
    { name: 'saleId', type: 'string' },
    { name: 'memberId', type: 'string' },
  ],
  columns: { bought: 'integer' },
});

/** Every table of the trading domain, for `ensureTables`. */
export const tradingTables = [
  ordersTable,
  memberOrdersTable,
  orderDeadlinesTable,
  flashSalesTable,
  flashSaleShardsTable,
  flashSaleBuyersTable,
] as const;

export interface TradingTables {
  readonly orders: Table<'shard' | 'orderId'>;
  readonly memberOrders: Table<'memberId' | 'orderId'>;
  readonly deadlines: Table<'bucket' | 'dueAt' | 'orderId'>;
  readonly sales: Table<'saleId'>;
  readonly saleShards: Table<'saleId' | 'shard'>;
  readonly saleBuyers: Table<'saleId' | 'memberId'>;
}

/**
 * Binds the trading tables to a client.
 *
 * @example
 * const tables = bindTradingTables(client);
 */
export function bindTradingTables(client: TablestoreClient): TradingTables {
  return {
    orders: bindTable(client, ordersTable),
    memberOrders: bindTable(client, memberOrdersTable),
    deadlines: bindTable(client, orderDeadlinesTable),
    sales: bindTable(client, flashSalesTable),
    saleShards: bindTable(client, flashSaleShardsTable),
    saleBuyers: bindTable(client, flashSaleBuyersTable),
  };
}
