// @retail/trading: orders as sagas, payment, cancellation, expiry, flash sales. No transport.
export {
  TradingService,
  DEFAULT_PAYMENT_WINDOW_MS,
  DEFAULT_REPAIR_AFTER_MS,
  type TradingServiceOptions,
} from './trading-service.js';
export type { CouponsPort, MembersPort, StoresPort } from './deps.js';
export type { ExpiryReport } from './expiry-job.js';
export { tradingTables, bindTradingTables, type TradingTables } from './tables.js';
export { orderKey } from './keys.js';
export type * from './types/order.js';
export type * from './types/flash-sale.js';
