import { BoundedCache, type Clock } from '@retail/core';
import type { StockHolds } from '@retail/stores';
import type { TablestoreClient } from '@retail/tablestore';
import { cancelOrder } from './cancel-order.js';
import { createOrder } from './create-order.js';
import type { CouponsPort, MembersPort, StoresPort, TradingDeps } from './deps.js';
import { runExpiry, type ExpiryReport } from './expiry-job.js';
import { buyFlashSale } from './flash/buy.js';
import { createFlashSale } from './flash/create-sale.js';
import { getFlashSale } from './flash/read-sale.js';
import { listOrders } from './list-orders.js';
import { payOrder } from './pay-order.js';
import { toOrder } from './records.js';
import { bindTradingTables, type TradingTables } from './tables.js';
import { touchOrder } from './touch-order.js';
import type { CreateFlashSaleInput, FlashPurchaseInput, FlashSale } from './types/flash-sale.js';
import type { CreateOrderInput, ListOrdersInput, Order, OrderAttempt, OrdersPage, PaymentInput } from './types/order.js';

export const DEFAULT_PAYMENT_WINDOW_MS = 15 * 60_000;
export const DEFAULT_REPAIR_AFTER_MS = 60_000;
/** Running flash sales one process keeps (a handful run at once). */
const SALES_KEPT = 256;

export type TradingServiceOptions = ({ readonly client: TablestoreClient } | { readonly tables: TradingTables }) & {
  readonly clock: Clock;
  readonly members: MembersPort;
  readonly coupons: CouponsPort;
  readonly stores: StoresPort;
  readonly stock: StockHolds;
  /** Default 15 minutes (API.md). */
  readonly paymentWindowMs?: number;
  /** Longer than the function timeout: work older than this with no live request is repaired. Default 60 s. */
  readonly repairAfterMs?: number;
  readonly onDeferredError?: (error: unknown) => void;
};

/**
 * The trading use-cases: orders, payment, cancellation, expiry, flash sales.
 *
 * @example
 * const trading = new TradingService({ client, clock: systemClock, members, coupons, stores, stock });
 * const order = await trading.createOrder({ memberId, storeId, items: [{ sku: 'milk-1l', quantity: 2 }] });
 * await trading.pay(order.id, { paymentRef: 'wx-1', amount: order.total });
 */
export class TradingService {
  private readonly deps: TradingDeps;

  constructor(options: TradingServiceOptions) {
    this.deps = {
      tables: 'tables' in options ? options.tables : bindTradingTables(options.client),
      clock: options.clock,
      members: options.members,
      coupons: options.coupons,
      stores: options.stores,
      stock: options.stock,
      sales: new BoundedCache(SALES_KEPT),
      paymentWindowMs: options.paymentWindowMs ?? DEFAULT_PAYMENT_WINDOW_MS,
      repairAfterMs: options.repairAfterMs ?? DEFAULT_REPAIR_AFTER_MS,
      onDeferredError: options.onDeferredError ?? (() => {}),
    };
  }

  /**
   * Refusals: 404 member/store/sku/coupon, `out-of-stock`, `coupon-not-applicable`, duplicate skus
   * (validation). With an `attempt` (from the request's Idempotency-Key) every retry answers the one
   * order it makes, whatever its status now (or that order's successor, when it was given up unmade).
   */
  createOrder(input: CreateOrderInput, attempt?: OrderAttempt): Promise<Order> {
    return createOrder(this.deps, input, attempt);
  }

  /** The order (brought up to date: an overdue unpaid order reads as expired, and is). */
  async get(orderId: string): Promise<Order> {
    return toOrder(await touchOrder(this.deps, orderId));
  }

  list(memberId: string, input: ListOrdersInput): Promise<OrdersPage> {
    return listOrders(this.deps, memberId, input);
  }

  /** Refusals: `amount-mismatch`, `not-payable`. */
  pay(orderId: string, input: PaymentInput): Promise<Order> {
    return payOrder(this.deps, orderId, input);
  }

  /** Refusal: `not-cancellable`. */
  cancel(orderId: string): Promise<Order> {
    return cancelOrder(this.deps, orderId);
  }

  /** Refusals: 404 store/sku, `out-of-stock`, validation of the times. */
  createFlashSale(input: CreateFlashSaleInput): Promise<FlashSale> {
    return createFlashSale(this.deps, input);
  }

  getFlashSale(saleId: string): Promise<FlashSale> {
    return getFlashSale(this.deps, saleId);
  }

  /**
   * Refusals: `sold-out`, `limit-reached`, `campaign-not-active`, 404 sale/member. With an `attempt`,
   * as `createOrder`: one order and one set of units however often the purchase is retried.
   */
  buyFlashSale(saleId: string, input: FlashPurchaseInput, attempt?: OrderAttempt): Promise<Order> {
    return buyFlashSale(this.deps, saleId, input, attempt);
  }

  /** The every-minute job: expiry, repair of half-made orders, flash sales ended and swept. */
  runExpiry(): Promise<ExpiryReport> {
    return runExpiry(this.deps);
  }
}
