import type { GeoPoint } from '../types/store.js';

// Geohash cells as integer coordinates. A cell of precision p (characters) splits longitude into
// 2^ceil(5p/2) columns and latitude into 2^floor(5p/2) rows; its code interleaves the bits,
// longitude first, and its string is that code in geohash base32, whose characters sort in ASCII
// order as their values do. So a cell's string is a prefix of every finer cell inside it, and
// consecutive codes are consecutive key ranges.

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The precision stored in the index (≈ 4.8 m × 4.8 m cells): the finest a search can use. */
export const INDEX_PRECISION = 9;

/** A cell of a given precision by its column (`x`, longitude) and row (`y`, latitude). */
export interface Cell {
  readonly x: number;
  readonly y: number;
  readonly precision: number;
}

export interface CellBounds {
  readonly latMin: number;
  readonly latMax: number;
  readonly lngMin: number;
  readonly lngMax: number;
}

export const lngBits = (precision: number): number => Math.ceil((5 * precision) / 2);
export const latBits = (precision: number): number => Math.floor((5 * precision) / 2);

/** The column of a longitude (180 belongs to the last column). */
export function columnOf(lng: number, precision: number): number {
  const n = 2 ** lngBits(precision);
  return Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)));
}

/** The row of a latitude (90 belongs to the last row). */
export function rowOf(lat: number, precision: number): number {
  const n = 2 ** latBits(precision);
  return Math.min(n - 1, Math.max(0, Math.floor(((lat + 90) / 180) * n)));
}

/** The cell's code: its bits interleaved, longitude first (at most 45 bits, a safe integer). */
export function cellCode(cell: Cell): number {
  const lb = lngBits(cell.precision);
  const ab = latBits(cell.precision);
  let code = 0;
  for (let i = 0; i < 5 * cell.precision; i++) {
    const bit = i % 2 === 0 ? (cell.x >>> (lb - 1 - i / 2)) & 1 : (cell.y >>> (ab - 1 - (i - 1) / 2)) & 1;
    code = code * 2 + bit;
  }
  return code;
}

/** A code as its geohash string of `precision` characters. */
export function codeToGeohash(code: number, precision: number): string {
  let text = '';
  let rest = code;
  for (let i = 0; i < precision; i++) {
    text = BASE32[rest % 32]! + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/**
 * The geohash of a point.
 *
 * @example
 * geohash({ lat: 57.64911, lng: 10.40744 }, 9) // 'u4pruydqq'
 */
export function geohash(point: GeoPoint, precision: number = INDEX_PRECISION): string {
  const cell = { x: columnOf(point.lng, precision), y: rowOf(point.lat, precision), precision };
  return codeToGeohash(cellCode(cell), precision);
}

/** The latitude and longitude span of a cell. */
export function cellBounds(cell: Cell): CellBounds {
  const width = 360 / 2 ** lngBits(cell.precision);
  const height = 180 / 2 ** latBits(cell.precision);
  return {
    latMin: -90 + cell.y * height,
    latMax: -90 + (cell.y + 1) * height,
    lngMin: -180 + cell.x * width,
    lngMax: -180 + (cell.x + 1) * width,
  };
}
