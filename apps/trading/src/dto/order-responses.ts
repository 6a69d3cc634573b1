import { Nullable } from '@retail/runtime';
import type { Order, OrderItem, OrdersPage, OrderStatus } from '@retail/trading';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Assert, Documents } from './documents.js';

// What the order routes return, described for the OpenAPI document (`@Returns`): the domain types
// carry no runtime metadata. Never used to validate; the checks below fail to compile on drift.
const ULID = '[0-9a-hjkmnp-tv-z]{26}';
const ORDER_STATUSES = ['pending-payment', 'paid', 'cancelled', 'expired'] as const satisfies readonly OrderStatus[];

export class OrderItemResponse {
  @IsString() @Length(1, 64) sku!: string;
  @IsString() name!: string;
  /** Unit price in fen, from the store's inventory (or the flash sale) when the order was made. */
  @IsInt() @Min(0) price!: number;
  @IsInt() @Min(1) @Max(99) quantity!: number;
  /** price × quantity, fen. */
  @IsInt() @Min(0) subtotal!: number;
}

export class OrderResponse {
  @Matches(new RegExp(`^ord_${ULID}$`)) id!: string;
  @Matches(new RegExp(`^mem_${ULID}$`)) memberId!: string;
  @Matches(new RegExp(`^sto_${ULID}$`)) storeId!: string;
  @ValidateNested({ each: true }) @Type(() => OrderItemResponse) items!: readonly OrderItemResponse[];
  /** Sum of the lines, fen. */
  @IsInt() @Min(0) subtotal!: number;
  /** The coupon's discount, fen (never more than the subtotal). */
  @IsInt() @Min(0) discount!: number;
  /** subtotal - discount: what the payment's `amount` must be. */
  @IsInt() @Min(0) total!: number;
  @Nullable() @Matches(new RegExp(`^cpn_${ULID}$`)) couponId!: string | null;
  /** The flash sale the order was bought in, or null. */
  @Nullable() @Matches(new RegExp(`^fls_${ULID}$`)) flashSaleId!: string | null;
  /** `pending-payment` until paid, cancelled, or expired at `expiresAt`. */
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @IsISO8601() createdAt!: string;
  /** An unpaid order expires then: its stock and coupon come back. */
  @IsISO8601() expiresAt!: string;
  @Nullable() @IsISO8601() paidAt!: string | null;
  @Nullable() @IsString() @Length(1, 64) paymentRef!: string | null;
}

export class OrdersPageResponse {
  /** Newest first. */
  @ValidateNested({ each: true }) @Type(() => OrderResponse) items!: readonly OrderResponse[];
  @Nullable() @IsString() nextCursor!: string | null;
}

type _DocumentedShapes = [
  Assert<Documents<OrderItem, OrderItemResponse>>,
  Assert<Documents<Order, OrderResponse>>,
  Assert<Documents<OrdersPage, OrdersPageResponse>>,
];
