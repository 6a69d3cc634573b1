import type { GeoPoint } from '../types/store.js';

/** The mean earth radius (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * The great-circle distance between two points (haversine), in kilometres.
 *
 * @example
 * haversineKm({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 }) // ≈ 1067.3
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Kilometres rounded to 3 decimals (whole metres), as `distanceKm` shows them.
 *
 * @example
 * roundKm(1.23456) // 1.235
 */
export function roundKm(km: number): number {
  return Math.round(km * 1000) / 1000;
}
