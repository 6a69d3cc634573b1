import { describe, expect, it } from 'vitest';
import { coverCircle, geohash, haversineKm, MAX_COVER_CELLS, roundKm } from '../../src/index.js';
import { cellBounds, columnOf, rowOf } from '../../src/geo/geohash.js';
import { destination, random } from '../support/stores.js';

const SHANGHAI = { lat: 31.2304, lng: 121.4737 };

/** Whether a stored (9-character) geohash falls in one of the cover's key ranges. */
function covered(cover: ReturnType<typeof coverCircle>, hash: string): boolean {
  return cover.ranges.some((r) => hash >= r.start && (r.end === undefined || hash < r.end));
}

describe('geohash', () => {
  it('matches the published geohash of known points', () => {
    expect(geohash({ lat: 57.64911, lng: 10.40744 }, 10)).toBe('u4pruydqqv');
    expect(geohash({ lat: 57.64911, lng: 10.40744 })).toBe('u4pruydqq');
    expect(geohash({ lat: 42.6, lng: -5.6 }, 5)).toBe('ezs42');
    expect(geohash({ lat: -90, lng: -180 }, 4)).toBe('0000');
    expect(geohash({ lat: 90, lng: 180 }, 4)).toBe('zzzz');
  });

  it('a coarser cell is a prefix of the finer cells inside it', () => {
    const next = random(1);
    for (let i = 0; i < 1000; i++) {
      const point = { lat: next() * 180 - 90, lng: next() * 360 - 180 };
      const full = geohash(point, 9);
      for (let p = 1; p < 9; p++) expect(geohash(point, p)).toBe(full.slice(0, p));
    }
  });

  it("a cell's bounds hold the points that hash to it", () => {
    const cell = { x: columnOf(SHANGHAI.lng, 5), y: rowOf(SHANGHAI.lat, 5), precision: 5 };
    const b = cellBounds(cell);
    expect(SHANGHAI.lat).toBeGreaterThanOrEqual(b.latMin);
    expect(SHANGHAI.lat).toBeLessThan(b.latMax);
    expect(geohash({ lat: b.latMin, lng: b.lngMin }, 5)).toBe(geohash(SHANGHAI, 5));
    expect(geohash({ lat: b.latMax, lng: b.lngMin }, 5)).not.toBe(geohash(SHANGHAI, 5));
  });
});

describe('haversineKm', () => {
  it('gives great-circle distances', () => {
    expect(haversineKm(SHANGHAI, SHANGHAI)).toBe(0);
    expect(haversineKm(SHANGHAI, { lat: 39.9042, lng: 116.4074 })).toBeCloseTo(1067.31, 1);
    expect(haversineKm({ lat: 0, lng: 179.99 }, { lat: 0, lng: -179.99 })).toBeCloseTo(2.224, 3);
    expect(roundKm(1.23456)).toBe(1.235);
  });
});

describe('coverCircle', () => {
  it('holds every point within the radius, at the circle edge and on cell boundaries, in at most MAX_COVER_CELLS cells', () => {
    const next = random(7);
    for (let i = 0; i < 400; i++) {
      const center = { lat: next() * 140 - 70, lng: next() * 360 - 180 };
      const radiusKm = [0.01, 0.3, 1, 5, 20, 50][i % 6]! * (0.5 + next());
      const cover = coverCircle(center, Math.min(radiusKm, 50));
      expect(cover.cells).toBeLessThanOrEqual(MAX_COVER_CELLS);
      for (let j = 0; j < 50; j++) {
        const at = destination(center, next() * 360, Math.min(radiusKm, 50) * (j < 25 ? next() : 0.999999));
        expect(covered(cover, geohash(at)), `${JSON.stringify(center)} r=${radiusKm} point ${JSON.stringify(at)}`).toBe(true);
      }
      // Points on the corners of the cells the search uses: boundaries belong to the upper cell.
      const b = cellBounds({
        x: columnOf(center.lng, cover.precision),
        y: rowOf(center.lat, cover.precision),
        precision: cover.precision,
      });
      for (const corner of [
        { lat: b.latMin, lng: b.lngMin },
        { lat: b.latMax, lng: b.lngMax },
        { lat: b.latMin, lng: b.lngMax },
        { lat: b.latMax, lng: b.lngMin },
      ]) {
        if (haversineKm(center, corner) <= radiusKm) expect(covered(cover, geohash(corner))).toBe(true);
      }
    }
  });

  it('works across the antimeridian and near the poles', () => {
    const east = { lat: 10, lng: 179.995 };
    const cover = coverCircle(east, 5);
    expect(covered(cover, geohash(destination(east, 90, 4)))).toBe(true);
    expect(covered(cover, geohash(destination(east, 270, 4)))).toBe(true);
    const pole = { lat: 89.99, lng: 0 };
    const polar = coverCircle(pole, 5);
    expect(covered(polar, geohash({ lat: 89.995, lng: 179 }))).toBe(true);
  });

  it('reads cells near the size of the radius: coarser for a larger circle', () => {
    expect(coverCircle(SHANGHAI, 0.2).precision).toBeGreaterThan(coverCircle(SHANGHAI, 5).precision);
    expect(coverCircle(SHANGHAI, 5).precision).toBeGreaterThan(coverCircle(SHANGHAI, 50).precision);
  });
});
