import { ValidationError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  haversineKm,
  roundKm,
  STORE_FORMATS,
  type GeoPoint,
  type NearbyStore,
  type Store,
  type StoreFormat,
} from '../../src/index.js';
import { cellBounds, columnOf, rowOf } from '../../src/geo/geohash.js';
import { destination, random, storeInput } from '../support/stores.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// A few hundred stores around three cities, some of them exactly on geohash cell boundaries, and
// every search checked against a brute-force oracle over all of them.

const CITIES: { name: string; at: GeoPoint }[] = [
  { name: '上海', at: { lat: 31.2304, lng: 121.4737 } },
  { name: '杭州', at: { lat: 30.2741, lng: 120.1551 } },
  { name: '苏州', at: { lat: 31.2989, lng: 120.5853 } },
  { name: '南京', at: { lat: 32.0603, lng: 118.7969 } },
  { name: '北京', at: { lat: 39.9042, lng: 116.4074 } },
  { name: '广州', at: { lat: 23.1291, lng: 113.2644 } },
  { name: '深圳', at: { lat: 22.5431, lng: 114.0579 } },
  { name: '成都', at: { lat: 30.5728, lng: 104.0668 } },
];
const SHANGHAI = CITIES[0]!.at;

let env: TestEnv;
const all: Store[] = [];

beforeAll(async () => {
  env = await startTestEnv();
  const next = random(42);
  const inputs = [];
  for (let i = 0; i < 400; i++) {
    const city = CITIES[i % CITIES.length]!;
    // Uniform over a 25 km disc around the city, a quarter of them within 3 km of its centre.
    const at = destination(city.at, next() * 360, (i % 4 === 0 ? 3 : 25) * Math.sqrt(next()));
    inputs.push(storeInput(at, { city: city.name, format: STORE_FORMATS[i % 7]!, name: `S${i}` }));
  }
  // Stores on the corners and edges of the cells around Shanghai at the precisions searches use.
  for (const precision of [4, 5, 6, 7]) {
    const b = cellBounds({ x: columnOf(SHANGHAI.lng, precision), y: rowOf(SHANGHAI.lat, precision), precision });
    for (const lat of [b.latMin, b.latMax])
      for (const lng of [b.lngMin, b.lngMax, (b.lngMin + b.lngMax) / 2]) {
        inputs.push(storeInput({ lat, lng }, { city: '上海', format: 'unattended', name: `edge-${precision}` }));
      }
  }
  for (let i = 0; i < inputs.length; i += 20) {
    all.push(...(await Promise.all(inputs.slice(i, i + 20).map((input) => env.stores.create(input)))));
  }
}, 120_000);
afterAll(() => env.stop());

interface Query {
  near: GeoPoint;
  radiusKm: number;
  city?: string;
  format?: StoreFormat;
}

function oracle(q: Query): { id: string; d: number }[] {
  return all
    .filter((s) => (q.city === undefined || s.city === q.city) && (q.format === undefined || s.format === q.format))
    .map((s) => ({ id: s.id, d: haversineKm(q.near, s.location) }))
    .filter((hit) => hit.d <= q.radiusKm)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
}

/** Every page of a search, and the most rows one page read. */
async function allPages(q: Query, limit: number): Promise<{ items: NearbyStore[]; maxRowsRead: number; pages: number }> {
  const items: NearbyStore[] = [];
  let cursor: string | null = null;
  let maxRowsRead = 0;
  let pages = 0;
  do {
    const page = await env.stores.search({ ...q, limit, cursor });
    items.push(...(page.items as NearbyStore[]));
    maxRowsRead = Math.max(maxRowsRead, page.rowsRead);
    cursor = page.nextCursor;
    pages++;
    if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
  } while (cursor !== null);
  return { items, maxRowsRead, pages };
}

describe('nearby search against a brute-force oracle', () => {
  it('finds exactly the stores within the radius, nearest first, across pages', async () => {
    const next = random(9);
    for (let i = 0; i < 48; i++) {
      const city = CITIES[i % CITIES.length]!;
      const q: Query = {
        near: destination(city.at, next() * 360, 20 * next()),
        radiusKm: [0.5, 2, 5, 10, 50][i % 5]!,
        ...(i % 4 === 1 ? { format: STORE_FORMATS[i % 7]! } : {}),
        ...(i % 4 === 2 ? { city: city.name } : {}),
      };
      const expected = oracle(q);
      const { items } = await allPages(q, [1, 3, 7, 20, 100][i % 5]!);
      expect(
        items.map((s) => s.id),
        JSON.stringify(q),
      ).toEqual(expected.map((hit) => hit.id));
      items.forEach((s, k) => expect(s.distanceKm).toBe(roundKm(expected[k]!.d)));
    }
  });

  it('includes a store just inside the radius and leaves out one just outside', async () => {
    const center = { lat: 31.3, lng: 121.3 };
    const inside = await env.stores.create(storeInput(destination(center, 33, 4.999)));
    const outside = await env.stores.create(storeInput(destination(center, 213, 5.001)));
    all.push(inside, outside);
    const ids = (await allPages({ near: center, radiusKm: 5 }, 100)).items.map((s) => s.id);
    expect(ids).toContain(inside.id);
    expect(ids).not.toContain(outside.id);
    expect(ids).toEqual(oracle({ near: center, radiusKm: 5 }).map((hit) => hit.id));
  });

  it('finds the stores on cell corners and edges from every side', async () => {
    for (const precision of [4, 5, 6, 7]) {
      const b = cellBounds({ x: columnOf(SHANGHAI.lng, precision), y: rowOf(SHANGHAI.lat, precision), precision });
      for (const lat of [b.latMin, b.latMax]) {
        for (const lng of [b.lngMin, b.lngMax]) {
          for (const radiusKm of [0.05, 0.5, 3]) {
            const q = {
              near: destination({ lat, lng }, 45 + 90 * precision, radiusKm / 2),
              radiusKm,
              format: 'unattended' as const,
            };
            const { items } = await allPages(q, 20);
            expect(items.map((s) => s.id)).toEqual(oracle(q).map((hit) => hit.id));
          }
        }
      }
    }
  });

  it('reads far fewer rows than there are stores: about the stores in the circle, plus the page', async () => {
    for (const radiusKm of [0.5, 1, 2, 5, 10]) {
      const inCircle = oracle({ near: SHANGHAI, radiusKm }).length;
      const { maxRowsRead } = await allPages({ near: SHANGHAI, radiusKm }, 20);
      expect(inCircle).toBeGreaterThan(5);
      expect(maxRowsRead, `radius ${radiusKm}`).toBeLessThanOrEqual(3 * inCircle + 21);
      expect(maxRowsRead).toBeLessThan(all.length / 4);
    }
    const empty = await env.stores.search({ near: { lat: 35, lng: 110 }, radiusKm: 50 });
    expect(empty).toEqual({ items: [], nextCursor: null, rowsRead: 0 });
  });

  it('answers with the store fields, location and distanceKm', async () => {
    const page = await env.stores.search({ near: SHANGHAI, radiusKm: 1, limit: 1 });
    const first = page.items[0] as NearbyStore;
    const { distanceKm, ...store } = first;
    expect(store).toEqual(all.find((s) => s.id === first.id));
    expect(distanceKm).toBe(roundKm(haversineKm(SHANGHAI, first.location)));
  });
});

describe('listings without near', () => {
  it('lists by city, format, both and neither, in id order, across pages', async () => {
    const cases: { city?: string; format?: StoreFormat }[] = [
      {},
      { city: '杭州' },
      { format: 'hypermarket' },
      { city: '苏州', format: 'convenience' },
    ];
    for (const filter of cases) {
      const expected = all
        .filter(
          (s) =>
            (filter.city === undefined || s.city === filter.city) && (filter.format === undefined || s.format === filter.format),
        )
        .map((s) => s.id)
        .sort();
      const ids: string[] = [];
      let cursor: string | null = null;
      let rowsRead = 0;
      do {
        const page = await env.stores.search({ ...filter, limit: 17, cursor });
        ids.push(...page.items.map((s) => s.id));
        rowsRead += page.rowsRead;
        expect(page.items.every((s) => !('distanceKm' in s))).toBe(true);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(ids, JSON.stringify(filter)).toEqual(expected);
      // Each page reads its own rows (plus one to know there is a next): no scan of other cities.
      if (filter.city !== undefined) expect(rowsRead).toBeLessThan(4 * expected.length + 4);
    }
  });

  it('an unknown city is an empty list', async () => {
    expect(await env.stores.search({ city: '拉萨' })).toEqual({ items: [], nextCursor: null, rowsRead: 0 });
  });
});

describe('search input', () => {
  it('refuses bad values by field name', async () => {
    const refused = async (input: object) => {
      const error = await env.stores.search(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((p) => p.field).sort();
    };
    expect(await refused({ format: 'kiosk', limit: 0 })).toEqual(['format', 'limit']);
    expect(await refused({ near: { lat: 91, lng: 0 } })).toEqual(['near']);
    expect(await refused({ radiusKm: 3 })).toEqual(['radiusKm']);
    expect(await refused({ near: SHANGHAI, radiusKm: 50.5 })).toEqual(['radiusKm']);
    expect(await refused({ near: SHANGHAI, radiusKm: 0 })).toEqual(['radiusKm']);
    expect(await refused({ city: '' })).toEqual(['city']);
    expect(await refused({ cursor: 'nope' })).toEqual(['cursor']);
    const listCursor = (await env.stores.search({ limit: 1 })).nextCursor;
    expect(await refused({ near: SHANGHAI, cursor: listCursor })).toEqual(['cursor']);
    const nearCursor = (await env.stores.search({ near: SHANGHAI, limit: 1 })).nextCursor;
    expect(await refused({ cursor: nearCursor })).toEqual(['cursor']);
    expect(await refused({ near: SHANGHAI, cursor: `${nearCursor}x` })).toEqual(['cursor']);
  });
});
