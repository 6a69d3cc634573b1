import { isoTime } from '@retail/core';
import type { Row } from '@retail/tablestore';
import type { FlashSale } from '../types/flash-sale.js';

export interface SaleRecord {
  readonly id: string;
  readonly storeId: string;
  readonly sku: string;
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perMemberLimit: number;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly shards: number;
  readonly state: 'creating' | 'running' | 'ended' | 'failed';
  readonly createdAt: number;
}

export function saleRow(s: SaleRecord): Record<string, string | number> {
  return {
    saleId: s.id,
    storeId: s.storeId,
    sku: s.sku,
    name: s.name,
    price: s.price,
    quantity: s.quantity,
    perMemberLimit: s.perMemberLimit,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    shards: s.shards,
    state: s.state,
    createdAt: s.createdAt,
  };
}

export function saleFromRow(row: Row): SaleRecord {
  return {
    id: String(row.saleId),
    storeId: String(row.storeId),
    sku: String(row.sku),
    name: String(row.name),
    price: Number(row.price),
    quantity: Number(row.quantity),
    perMemberLimit: Number(row.perMemberLimit),
    startsAt: Number(row.startsAt),
    endsAt: Number(row.endsAt),
    shards: Number(row.shards),
    state: String(row.state) as SaleRecord['state'],
    createdAt: Number(row.createdAt),
  };
}

export function toFlashSale(s: SaleRecord, remaining: number, now: number): FlashSale {
  const status = s.state === 'ended' || now >= s.endsAt ? 'ended' : now < s.startsAt ? 'scheduled' : 'running';
  return {
    id: s.id,
    storeId: s.storeId,
    sku: s.sku,
    name: s.name,
    price: s.price,
    quantity: s.quantity,
    perMemberLimit: s.perMemberLimit,
    startsAt: isoTime(s.startsAt),
    endsAt: isoTime(s.endsAt),
    remaining: status === 'ended' ? 0 : remaining,
    status,
    createdAt: isoTime(s.createdAt),
  };
}
