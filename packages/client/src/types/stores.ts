import type { Fen, PageOptions } from './common.js';

export type StoreFormat =
  | 'shopping-center'
  | 'hypermarket'
  | 'supermarket'
  | 'standard-supermarket'
  | 'boutique-supermarket'
  | 'convenience'
  | 'unattended';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface CreateStoreInput {
  name: string;
  format: StoreFormat;
  city: string;
  address: string;
  location: GeoPoint;
  /** `HH:MM`. */
  opensAt: string;
  /** `HH:MM`. */
  closesAt: string;
}

export interface Store extends CreateStoreInput {
  id: string;
  /** With `near`: how far the store is. */
  distanceKm?: number;
}

export interface StoreQuery extends PageOptions {
  city?: string;
  format?: StoreFormat;
  /** Nearest first, each with `distanceKm`. */
  near?: GeoPoint;
  radiusKm?: number;
}

export interface SetInventoryInput {
  name: string;
  price: Fen;
  /** `>= 0`: becomes `available`. */
  quantity: number;
}

export interface InventoryItem {
  storeId: string;
  sku: string;
  name: string;
  price: Fen;
  /** Units free to sell now. */
  available: number;
}
