import type { BoundedCache, Clock } from '@retail/core';
import type { CouponService } from '@retail/coupons';
import type { MemberService } from '@retail/member';
import type { StockHolds, StoreService } from '@retail/stores';
import type { SaleRecord } from './flash/sale-records.js';
import type { TradingTables } from './tables.js';

/** What trading needs of the member library: that a member exists, and points paid once per ref. */
export type MembersPort = Pick<MemberService, 'get' | 'changePoints'>;

/** What trading needs of the coupons library: a coupon locked, released and used by one order. */
export type CouponsPort = Pick<CouponService, 'lockForOrder' | 'releaseFromOrder' | 'useForOrder'>;

/** What trading needs of the stores library besides stock: that a store exists. */
export type StoresPort = Pick<StoreService, 'get'>;

export interface TradingDeps {
  readonly tables: TradingTables;
  readonly clock: Clock;
  readonly members: MembersPort;
  readonly coupons: CouponsPort;
  readonly stores: StoresPort;
  readonly stock: StockHolds;
  /** Running flash sales read by this process (their rows no longer change: see `loadSale`). */
  readonly sales: BoundedCache<string, SaleRecord>;
  /** How long an order waits for payment (API.md: 15 minutes). */
  readonly paymentWindowMs: number;
  /** After this, work a request started and did not finish (it is dead: longer than any function timeout) is repaired. */
  readonly repairAfterMs: number;
  /** A follow-up step failed after the answer was decided; it is repaired later. Log it. */
  readonly onDeferredError: (error: unknown) => void;
}
