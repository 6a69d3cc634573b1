import { systemClock, type Clock } from '@retail/core';
import { CouponService, couponsTables } from '@retail/coupons';
import { MemberService, memberTables } from '@retail/member';
import {
  createApp,
  createLogger,
  idempotencyTable,
  TablestoreIdempotencyStore,
  type FunctionParts,
  type Logger,
} from '@retail/runtime';
import { bindStoresTables, StockHolds, StoreService, storesTables } from '@retail/stores';
import type { TablestoreClient } from '@retail/tablestore';
import { TradingService, tradingTables } from '@retail/trading';
import { FlashSalesController } from './controllers/flash-sales.controller.js';
import { OrdersController } from './controllers/orders.controller.js';

/**
 * Every table the trading function uses: what dev start-up, tests and deploy ensure. Orders read
 * members and stores, hold inventory, lock coupons and pay points, so the tables of those
 * libraries are its tables too (their own functions create the same ones).
 */
export const tradingFunctionTables = [...memberTables, ...storesTables, ...couponsTables, ...tradingTables, idempotencyTable];

export interface TradingAppDeps {
  client: TablestoreClient;
  functionTimeoutMs: number;
  clock?: Clock;
  logger?: Logger;
  /** How long an order waits for payment; default 15 minutes (API.md). */
  paymentWindowMs?: number;
  /** After this, work no live request can still be doing is repaired; default 60 s. */
  repairAfterMs?: number;
}

/** The function's HTTP app, the `expire-orders` job its timer trigger runs, and the use-cases behind both. */
export interface TradingFunction extends FunctionParts {
  readonly trading: TradingService;
}

/**
 * The trading function's composition root: the member, stores, coupons and trading libraries over
 * one client, the controllers, and the every-minute `expire-orders` job.
 *
 * @example
 * const { app, jobs } = createTradingApp({ client, functionTimeoutMs: 10_000 });
 */
export function createTradingApp(deps: TradingAppDeps): TradingFunction {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger({ functionName: 'trading' });
  const members = new MemberService({
    client: deps.client,
    clock,
    onDeferredError: (error) => logger.warn({ err: error }, 'deferred member write failed; it is repaired on the next touch'),
  });
  const trading = new TradingService({
    client: deps.client,
    clock,
    members,
    stores: new StoreService({ client: deps.client, clock }),
    stock: new StockHolds(bindStoresTables(deps.client).inventory, clock),
    coupons: new CouponService({
      client: deps.client,
      clock,
      onDeferredError: (error) => logger.warn({ err: error }, 'deferred coupon write failed; it is repaired later'),
    }),
    paymentWindowMs: deps.paymentWindowMs,
    repairAfterMs: deps.repairAfterMs,
    onDeferredError: (error) =>
      logger.warn({ err: error }, 'an order follow-up failed; the expiry job or the next touch finishes it'),
  });
  const app = createApp({
    name: 'trading',
    controllers: [new OrdersController(trading, members), new FlashSalesController(trading)],
    logger,
    idempotency: { store: new TablestoreIdempotencyStore(deps.client, clock), lockMs: deps.functionTimeoutMs },
  });
  return { app, jobs: { 'expire-orders': () => trading.runExpiry() }, trading };
}
