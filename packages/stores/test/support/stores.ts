import type { CreateStoreInput, GeoPoint, StoreFormat } from '../../src/index.js';

/** A valid store input at a point; fields overridable. */
export function storeInput(location: GeoPoint, overrides: Partial<CreateStoreInput> = {}): CreateStoreInput {
  return {
    name: 'Test store',
    format: 'convenience' as StoreFormat,
    city: '上海',
    address: '南京西路 1 号',
    location,
    opensAt: '07:00',
    closesAt: '23:00',
    ...overrides,
  };
}

/** A deterministic pseudo-random generator (mulberry32), so a failing case can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RAD = Math.PI / 180;

/** The point `km` from `from` along the initial bearing `bearingDeg` (great circle, the same earth radius). */
export function destination(from: GeoPoint, bearingDeg: number, km: number, radiusKm = 6371.0088): GeoPoint {
  const d = km / radiusKm;
  const b = bearingDeg * RAD;
  const lat1 = from.lat * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    from.lng * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  const lng = ((((lng2 / RAD + 540) % 360) + 360) % 360) - 180;
  return { lat: lat2 / RAD, lng };
}
