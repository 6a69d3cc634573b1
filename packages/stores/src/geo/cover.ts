import type { GeoPoint } from '../types/store.js';
import { EARTH_RADIUS_KM, haversineKm } from './distance.js';
import { cellBounds, cellCode, codeToGeohash, columnOf, INDEX_PRECISION, rowOf, type CellBounds } from './geohash.js';

/**
 * The most cells a search reads. The finest precision whose cells over the circle's bounding box
 * stay within this many is used: finer cells waste fewer rows outside the circle, more cells cost
 * more key ranges (requests). Measured by the stores bench.
 */
export const MAX_COVER_CELLS = 32;

/** A key range of the geo index: `start` inclusive, `end` exclusive (undefined: to the table's end). */
export interface CellRange {
  readonly start: string;
  readonly end: string | undefined;
}

export interface CircleCover {
  /** Geohash characters of the cells read. */
  readonly precision: number;
  /** Cells that can hold a point of the circle. */
  readonly cells: number;
  /** Those cells, consecutive ones merged: one range read each. */
  readonly ranges: CellRange[];
}

const DEG = 180 / Math.PI;

/**
 * The geohash cells that can hold a point within `radiusKm` of `center`, as key ranges of the geo
 * index. Cells whose nearest point is farther than the radius are left out (with a margin for the
 * difference between that approximation and great-circle geometry). `maxCells` is for measuring
 * other settings; searches use the default.
 *
 * @example
 * coverCircle({ lat: 31.2304, lng: 121.4737 }, 5) // { precision: 5, cells: 9, ranges: [{ start: 'wtw37', end: 'wtw38' }, ...] }
 */
export function coverCircle(center: GeoPoint, radiusKm: number, maxCells: number = MAX_COVER_CELLS): CircleCover {
  const box = boundingBox(center, radiusKm);
  let precision = INDEX_PRECISION;
  while (precision > 1 && cellCount(box, precision) > maxCells) precision--;
  const reach = radiusKm * 1.001 + 0.001;
  const codes: number[] = [];
  const y0 = rowOf(box.latMin, precision);
  const y1 = rowOf(box.latMax, precision);
  for (const [lngMin, lngMax] of box.lngSpans) {
    for (let x = columnOf(lngMin, precision); x <= columnOf(lngMax, precision); x++) {
      for (let y = y0; y <= y1; y++) {
        const cell = { x, y, precision };
        if (nearestKm(center, cellBounds(cell)) <= reach) codes.push(cellCode(cell));
      }
    }
  }
  return { precision, cells: codes.length, ranges: toRanges(codes, precision) };
}

interface Box {
  readonly latMin: number;
  readonly latMax: number;
  /** Longitude spans, two when the box crosses the antimeridian. */
  readonly lngSpans: [number, number][];
}

/** The latitude/longitude box around a circle on the sphere (exact, plus a hair for rounding). */
export function boundingBox(center: GeoPoint, radiusKm: number): Box {
  const angle = (radiusKm / EARTH_RADIUS_KM) * (1 + 1e-9);
  const latMin = center.lat - angle * DEG;
  const latMax = center.lat + angle * DEG;
  if (latMin <= -90 || latMax >= 90) {
    return { latMin: Math.max(-90, latMin), latMax: Math.min(90, latMax), lngSpans: [[-180, 180]] };
  }
  const dLng = Math.asin(Math.min(1, Math.sin(angle) / Math.cos((center.lat * Math.PI) / 180))) * DEG;
  const lngMin = center.lng - dLng;
  const lngMax = center.lng + dLng;
  if (dLng >= 180) return { latMin, latMax, lngSpans: [[-180, 180]] };
  if (lngMin < -180)
    return {
      latMin,
      latMax,
      lngSpans: [
        [lngMin + 360, 180],
        [-180, lngMax],
      ],
    };
  if (lngMax > 180)
    return {
      latMin,
      latMax,
      lngSpans: [
        [lngMin, 180],
        [-180, lngMax - 360],
      ],
    };
  return { latMin, latMax, lngSpans: [[lngMin, lngMax]] };
}

function cellCount(box: Box, precision: number): number {
  const rows = rowOf(box.latMax, precision) - rowOf(box.latMin, precision) + 1;
  const columns = box.lngSpans.reduce((n, [a, b]) => n + columnOf(b, precision) - columnOf(a, precision) + 1, 0);
  return rows * columns;
}

/** Distance to the cell's point nearest in latitude and longitude (the cell shifted by 360° if that is nearer). */
function nearestKm(center: GeoPoint, b: CellBounds): number {
  const shift = center.lng - b.lngMax > 180 ? 360 : b.lngMin - center.lng > 180 ? -360 : 0;
  const lat = Math.min(b.latMax, Math.max(b.latMin, center.lat));
  const lng = Math.min(b.lngMax + shift, Math.max(b.lngMin + shift, center.lng));
  return haversineKm(center, { lat, lng });
}

/** Sorted codes as key ranges, consecutive codes merged. */
function toRanges(codes: number[], precision: number): CellRange[] {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const ranges: CellRange[] = [];
  const last = 32 ** precision - 1;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const end = sorted[j]!;
    ranges.push({
      start: codeToGeohash(sorted[i]!, precision),
      end: end === last ? undefined : codeToGeohash(end + 1, precision),
    });
    i = j + 1;
  }
  return ranges;
}
