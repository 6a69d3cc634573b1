import { decodeNearCursor, decodeStoreCursor, type NearPosition } from './cursors.js';
import { isStoreFormat, STORE_FORMATS, type StoreFormat } from './formats.js';
import { checkLimit, isText, Problems } from './problems.js';
import type { StoreSearchInput } from './types/search.js';
import type { CreateStoreInput, GeoPoint } from './types/store.js';

// The transport validates shapes first; these guard the domain rules and what storage relies on,
// so a caller that is not the HTTP transport (seeding, tools) cannot write a broken row.

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_RADIUS_KM = 50;
export const DEFAULT_RADIUS_KM = 5;

export function checkCreateStore(input: CreateStoreInput): void {
  const p = new Problems();
  if (!isText(input.name, 1, 64)) p.add('name', 'must be 1 to 64 characters, not only spaces');
  if (!isStoreFormat(input.format)) p.add('format', `must be one of ${STORE_FORMATS.join(', ')}`);
  if (!isText(input.city, 1, 32)) p.add('city', 'must be 1 to 32 characters, not only spaces');
  if (!isText(input.address, 1, 128)) p.add('address', 'must be 1 to 128 characters, not only spaces');
  checkPoint(p, 'location.lat', 'location.lng', input.location);
  if (typeof input.opensAt !== 'string' || !HH_MM.test(input.opensAt)) p.add('opensAt', 'must be HH:MM, 00:00 to 23:59');
  if (typeof input.closesAt !== 'string' || !HH_MM.test(input.closesAt)) p.add('closesAt', 'must be HH:MM, 00:00 to 23:59');
  p.throwIfAny();
}

/** A search, checked: what each kind of search needs. */
export type CheckedSearch =
  | { kind: 'near'; near: GeoPoint; radiusKm: number; city?: string; format?: StoreFormat; limit: number; from?: NearPosition }
  | { kind: 'list'; city?: string; format?: StoreFormat; limit: number; from?: string };

export function checkSearch(input: StoreSearchInput): CheckedSearch {
  const p = new Problems();
  const limit = checkLimit(p, input.limit);
  const { city, format, near, radiusKm, cursor } = input;
  if (city !== undefined && !isText(city, 1, 32)) p.add('city', 'must be 1 to 32 characters, not only spaces');
  if (format !== undefined && !isStoreFormat(format)) p.add('format', `must be one of ${STORE_FORMATS.join(', ')}`);
  if (near !== undefined) checkPoint(p, 'near', 'near', near);
  if (radiusKm !== undefined && near === undefined) p.add('radiusKm', 'is only allowed with near');
  else if (radiusKm !== undefined && !(typeof radiusKm === 'number' && radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
    p.add('radiusKm', `must be a number more than 0 and at most ${MAX_RADIUS_KM}`);
  }
  const given = cursor !== undefined && cursor !== null;
  const fromNear = given && near !== undefined ? decodeNearCursor(cursor) : undefined;
  const fromList = given && near === undefined ? decodeStoreCursor(cursor) : undefined;
  if (fromNear === null || fromList === null) p.add('cursor', 'is not a cursor of this list');
  p.throwIfAny();
  const filters = { ...(city === undefined ? {} : { city }), ...(format === undefined ? {} : { format }) };
  if (near !== undefined) {
    return {
      kind: 'near',
      near,
      radiusKm: radiusKm ?? DEFAULT_RADIUS_KM,
      ...filters,
      limit,
      ...(fromNear ? { from: fromNear } : {}),
    };
  }
  return { kind: 'list', ...filters, limit, ...(fromList ? { from: fromList } : {}) };
}

function checkPoint(p: Problems, latField: string, lngField: string, point: GeoPoint | undefined): void {
  const lat = point?.lat;
  const lng = point?.lng;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) p.add(latField, 'must be a latitude from -90 to 90');
  if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) p.add(lngField, 'must be a longitude from -180 to 180');
}
