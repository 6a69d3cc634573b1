import { isoTime } from '@retail/core';
import type { Row, ShardTake } from '@retail/tablestore';
import { orderKey } from './keys.js';
import type { Saga } from './saga.js';
import type { Order, OrderItem, OrderStatus } from './types/order.js';

/** An order row as the use-cases see it. */
export interface OrderRecord {
  readonly id: string;
  readonly memberId: string;
  readonly storeId: string;
  readonly kind: 'regular' | 'flash';
  readonly saleId?: string | undefined;
  readonly items: readonly OrderItem[];
  readonly takes?: readonly ShardTake[] | undefined;
  readonly subtotal: number;
  readonly discount: number;
  readonly total: number;
  readonly couponId?: string | undefined;
  readonly status: OrderStatus | 'abandoned';
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly paidAt?: number | undefined;
  readonly paymentRef?: string | undefined;
  /** Stock, coupon and flash units given back (cancelled, expired). */
  readonly released: boolean;
  /** Stock sold, coupon used, points paid (paid). */
  readonly settled: boolean;
  /** On a tombstone of a keyed order: when the retry that found it made its successor (decision 0011). */
  readonly successorAt?: number | undefined;
}

export function orderRow(o: OrderRecord): Record<string, string | number | boolean | undefined> {
  return {
    ...orderKey(o.id),
    memberId: o.memberId,
    storeId: o.storeId,
    kind: o.kind,
    saleId: o.saleId,
    items: JSON.stringify(o.items),
    takes: o.takes ? JSON.stringify(o.takes) : undefined,
    subtotal: o.subtotal,
    discount: o.discount,
    total: o.total,
    couponId: o.couponId,
    status: o.status,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
    released: o.released,
    settled: o.settled,
  };
}

export function orderFromRow(row: Row): OrderRecord {
  return {
    id: String(row.orderId),
    memberId: String(row.memberId ?? ''),
    storeId: String(row.storeId ?? ''),
    kind: row.kind === 'flash' ? 'flash' : 'regular',
    saleId: optionalString(row.saleId),
    items: row.items ? (JSON.parse(String(row.items)) as OrderItem[]) : [],
    takes: row.takes ? (JSON.parse(String(row.takes)) as ShardTake[]) : undefined,
    subtotal: Number(row.subtotal ?? 0),
    discount: Number(row.discount ?? 0),
    total: Number(row.total ?? 0),
    couponId: optionalString(row.couponId),
    status: String(row.status) as OrderRecord['status'],
    createdAt: Number(row.createdAt ?? 0),
    expiresAt: Number(row.expiresAt ?? 0),
    paidAt: row.paidAt === undefined ? undefined : Number(row.paidAt),
    paymentRef: optionalString(row.paymentRef),
    released: row.released === true,
    settled: row.settled === true,
    successorAt: row.successorAt === undefined ? undefined : Number(row.successorAt),
  };
}

/** The order as API.md shows it (an abandoned order is never shown: callers check first). */
export function toOrder(o: OrderRecord): Order {
  return {
    id: o.id,
    memberId: o.memberId,
    storeId: o.storeId,
    items: o.items,
    subtotal: o.subtotal,
    discount: o.discount,
    total: o.total,
    couponId: o.couponId ?? null,
    flashSaleId: o.saleId ?? null,
    status: o.status as OrderStatus,
    createdAt: isoTime(o.createdAt),
    expiresAt: isoTime(o.expiresAt),
    paidAt: o.paidAt === undefined ? null : isoTime(o.paidAt),
    paymentRef: o.paymentRef ?? null,
  };
}

/** What a repair needs to undo or finish an order. */
export function sagaOf(o: OrderRecord): Saga {
  return {
    kind: o.kind,
    memberId: o.memberId,
    storeId: o.storeId,
    lines: o.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
    couponId: o.couponId,
    saleId: o.saleId,
    takes: o.takes,
  };
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
