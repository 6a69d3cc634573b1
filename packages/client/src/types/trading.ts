import type { Fen, IsoTime, PageOptions } from './common.js';

export type OrderStatus = 'pending-payment' | 'paid' | 'cancelled' | 'expired';

export interface OrderLineInput {
  sku: string;
  /** 1..99. */
  quantity: number;
}

export interface CreateOrderInput {
  memberId: string;
  storeId: string;
  /** 1..50 lines. */
  items: OrderLineInput[];
  couponId?: string;
}

export interface OrderLine {
  sku: string;
  name: string;
  price: Fen;
  quantity: number;
  subtotal: Fen;
}

export interface Order {
  id: string;
  memberId: string;
  storeId: string;
  items: OrderLine[];
  subtotal: Fen;
  discount: Fen;
  total: Fen;
  couponId: string | null;
  status: OrderStatus;
  createdAt: IsoTime;
  /** Unpaid at this time, the order expires. */
  expiresAt: IsoTime;
}

export interface OrderQuery extends PageOptions {
  memberId?: string;
}

export interface PaymentInput {
  paymentRef: string;
  /** Must be the order's `total`. */
  amount: Fen;
}

export interface CreateFlashSaleInput {
  storeId: string;
  sku: string;
  price: Fen;
  quantity: number;
  perMemberLimit: number;
  startsAt: IsoTime;
  endsAt: IsoTime;
}

export interface FlashSale extends CreateFlashSaleInput {
  id: string;
  remaining: number;
}

export interface FlashSaleOrderInput {
  memberId: string;
  quantity: number;
}
