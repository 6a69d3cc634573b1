/** An order's state. `abandoned` orders never reached the caller and are never shown. */
export type OrderStatus = 'pending-payment' | 'paid' | 'cancelled' | 'expired';

export interface OrderItem {
  readonly sku: string;
  readonly name: string;
  /** Unit price in fen, from the store's inventory (or the flash sale) when the order was made. */
  readonly price: number;
  readonly quantity: number;
  readonly subtotal: number;
}

/** An order as API.md shows it. */
export interface Order {
  readonly id: string;
  readonly memberId: string;
  readonly storeId: string;
  readonly items: readonly OrderItem[];
  readonly subtotal: number;
  readonly discount: number;
  readonly total: number;
  readonly couponId: string | null;
  /** The flash sale the order was bought in, or null. */
  readonly flashSaleId: string | null;
  readonly status: OrderStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly paidAt: string | null;
  readonly paymentRef: string | null;
}

export interface CreateOrderInput {
  readonly memberId: string;
  readonly storeId: string;
  readonly items: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  readonly couponId?: string | undefined;
}

export interface PaymentInput {
  readonly paymentRef: string;
  readonly amount: number;
}

export interface ListOrdersInput {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface OrdersPage {
  readonly items: readonly Order[];
  readonly nextCursor: string | null;
}

/**
 * One request to make an order, as its retries name it (the transport builds it from the request's
 * Idempotency-Key): every attempt with the same seed and time makes, or finds, the same order.
 */
export interface OrderAttempt {
  /** Unique to the request: the key's scope, the key and the member (`wechat|trading\nkey\nmem_...`). */
  readonly seed: string;
  /** When the request was first made (epoch ms): the order's `createdAt`, and the time part of its id. */
  readonly at: number;
  /**
   * Whether an earlier attempt may have done part of the work (default true). False only on the
   * first attempt: then nothing can exist under the order's id, and nothing is looked up first.
   */
  readonly resumed?: boolean | undefined;
}
