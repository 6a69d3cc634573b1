import { isoTime } from '@retail/core';
import type { Row } from '@retail/tablestore';
import { isStoreFormat, type StoreFormat } from './formats.js';
import type { InventoryItem } from './types/inventory.js';
import type { Store } from './types/store.js';

/** A store as stored: one row of `stores`, and what its index rows are made from. */
export interface StoreRecord {
  readonly id: string;
  readonly name: string;
  readonly format: StoreFormat;
  readonly city: string;
  readonly address: string;
  readonly lat: number;
  readonly lng: number;
  readonly opensAt: string;
  readonly closesAt: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
}

export function storeRow(record: StoreRecord): Record<string, string | number> {
  const { id, ...columns } = record;
  return { storeId: id, ...columns };
}

export function parseStoreRow(row: Row): StoreRecord {
  const format = text(row, 'format');
  if (!isStoreFormat(format)) throw new Error(`stores storage: unknown format '${format}'`);
  return {
    id: text(row, 'storeId'),
    name: text(row, 'name'),
    format,
    city: text(row, 'city'),
    address: text(row, 'address'),
    lat: num(row, 'lat'),
    lng: num(row, 'lng'),
    opensAt: text(row, 'opensAt'),
    closesAt: text(row, 'closesAt'),
    createdAt: num(row, 'createdAt'),
  };
}

export function toStore(record: StoreRecord): Store {
  return {
    id: record.id,
    name: record.name,
    format: record.format,
    city: record.city,
    address: record.address,
    location: { lat: record.lat, lng: record.lng },
    opensAt: record.opensAt,
    closesAt: record.closesAt,
    createdAt: isoTime(record.createdAt),
  };
}

/** The columns an inventory read asks for: never the whole row (others keep markers in it). */
export const INVENTORY_COLUMNS = ['name', 'price', 'available'] as const;

export function parseInventoryRow(row: Row): InventoryItem {
  return {
    storeId: text(row, 'storeId'),
    sku: text(row, 'sku'),
    name: text(row, 'name'),
    price: num(row, 'price'),
    available: num(row, 'available'),
  };
}

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`stores storage: column '${column}' should be a string, found ${typeof value}`);
  return value;
}

export function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`stores storage: column '${column}' should be a number, found ${typeof value}`);
  }
  return value;
}
