import { segment, type Transport } from '../transport.js';
import type { CallOptions, IdempotentCallOptions, Page } from '../types/common.js';
import type {
  CreateFlashSaleInput,
  CreateOrderInput,
  FlashSale,
  FlashSaleOrderInput,
  Order,
  OrderQuery,
  PaymentInput,
} from '../types/trading.js';

/** `/orders`: orders, payment, cancellation. */
export function ordersApi(transport: Transport) {
  return {
    /**
     * `POST /orders` (idempotent) -> 201 `pending-payment`; prices come from the store's inventory.
     * `409 out-of-stock` (nothing reserved), `409 coupon-not-applicable`.
     */
    create: (input: CreateOrderInput, options?: IdempotentCallOptions) =>
      transport.call<Order>('POST', '/orders', { ...options, body: input }),
    /** `GET /orders/{id}`. */
    get: (id: string, options?: CallOptions) => transport.call<Order>('GET', `/orders/${segment(id)}`, options),
    /** `GET /orders?memberId=`, newest first. */
    list: (query: OrderQuery = {}, options?: CallOptions) =>
      transport.call<Page<Order>>('GET', '/orders', { ...options, query: { ...query } }),
    /** `POST /orders/{id}/payment` (idempotent) -> 200 `paid`; `409 amount-mismatch`, `409 not-payable`. */
    pay: (id: string, input: PaymentInput, options?: IdempotentCallOptions) =>
      transport.call<Order>('POST', `/orders/${segment(id)}/payment`, { ...options, body: input }),
    /** `POST /orders/{id}/cancellation` -> 200 `cancelled`; `409 not-cancellable` once paid. */
    cancel: (id: string, options?: CallOptions) => transport.call<Order>('POST', `/orders/${segment(id)}/cancellation`, options),
  };
}

/** `/flash-sales`: sales (created by the admin channel) and their orders. */
export function flashSalesApi(transport: Transport) {
  return {
    /** `POST /flash-sales` (admin) -> 201; `409 out-of-stock` when the store has fewer available. */
    create: (input: CreateFlashSaleInput, options?: CallOptions) =>
      transport.call<FlashSale>('POST', '/flash-sales', { ...options, body: input }),
    /** `GET /flash-sales/{id}` with the live `remaining`. */
    get: (id: string, options?: CallOptions) => transport.call<FlashSale>('GET', `/flash-sales/${segment(id)}`, options),
    /** `POST /flash-sales/{id}/orders` (idempotent) -> 201 order; `409` `sold-out`, `limit-reached`, `campaign-not-active`. */
    order: (id: string, input: FlashSaleOrderInput, options?: IdempotentCallOptions) =>
      transport.call<Order>('POST', `/flash-sales/${segment(id)}/orders`, { ...options, body: input }),
  };
}
