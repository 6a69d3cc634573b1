import type { StoreFormat } from '../formats.js';

/** A point on the earth, in degrees (WGS 84). */
export interface GeoPoint {
  /** -90..90. */
  readonly lat: number;
  /** -180..180. */
  readonly lng: number;
}

/** A store as the contract shows it. */
export interface Store {
  readonly id: string;
  readonly name: string;
  readonly format: StoreFormat;
  readonly city: string;
  readonly address: string;
  readonly location: GeoPoint;
  /** `HH:MM`, local time. */
  readonly opensAt: string;
  /** `HH:MM`, local time; earlier than `opensAt` for a store open past midnight. */
  readonly closesAt: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
}

/** A store found by a nearby search: its great-circle distance from the search point. */
export interface NearbyStore extends Store {
  /** Kilometres, rounded to 3 decimals (metres). */
  readonly distanceKm: number;
}

export interface CreateStoreInput {
  /** 1 to 64 characters. */
  readonly name: string;
  readonly format: StoreFormat;
  /** 1 to 32 characters; listings match it exactly. */
  readonly city: string;
  /** 1 to 128 characters. */
  readonly address: string;
  readonly location: GeoPoint;
  /** `HH:MM`, 00:00 to 23:59. */
  readonly opensAt: string;
  /** `HH:MM`, 00:00 to 23:59. */
  readonly closesAt: string;
}
