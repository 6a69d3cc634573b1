import { newId } from '@retail/core';
import { facetsOf } from '../src/facets.js';
import { geohash } from '../src/geo/geohash.js';
import { storeRow, type StoreRecord } from '../src/records.js';
import { STORE_FORMATS, type GeoPoint, type StoresTables } from '../src/index.js';

/** Twenty cities a national chain would be in, with their centres. */
export const CITIES: { name: string; at: GeoPoint }[] = [
  ['上海', 31.2304, 121.4737],
  ['北京', 39.9042, 116.4074],
  ['广州', 23.1291, 113.2644],
  ['深圳', 22.5431, 114.0579],
  ['杭州', 30.2741, 120.1551],
  ['南京', 32.0603, 118.7969],
  ['苏州', 31.2989, 120.5853],
  ['成都', 30.5728, 104.0668],
  ['重庆', 29.563, 106.5516],
  ['武汉', 30.5928, 114.3055],
  ['西安', 34.3416, 108.9398],
  ['天津', 39.3434, 117.3616],
  ['长沙', 28.2282, 112.9388],
  ['郑州', 34.7466, 113.6254],
  ['青岛', 36.0671, 120.3826],
  ['厦门', 24.4798, 118.0894],
  ['宁波', 29.8683, 121.544],
  ['合肥', 31.8206, 117.2272],
  ['昆明', 24.8801, 102.8329],
  ['沈阳', 41.8057, 123.4315],
].map(([name, lat, lng]) => ({ name: name as string, at: { lat: lat as number, lng: lng as number } }));

/** A point up to `km` from `center`, denser towards the centre (as stores are). */
export function around(center: GeoPoint, km: number, next: () => number): GeoPoint {
  const d = km * next() ** 1.5;
  const bearing = next() * 2 * Math.PI;
  return {
    lat: center.lat + (d / 111.195) * Math.cos(bearing),
    lng: center.lng + (d / (111.195 * Math.cos((center.lat * Math.PI) / 180))) * Math.sin(bearing),
  };
}

/**
 * Writes `count` stores spread over the cities, straight to the tables in batches (the rows the
 * create use-case writes, without its one-store-at-a-time round trips), and returns them.
 */
export async function seedStores(tables: StoresTables, count: number, next: () => number): Promise<StoreRecord[]> {
  const records: StoreRecord[] = Array.from({ length: count }, (_, i) => {
    const city = CITIES[i % CITIES.length]!;
    const { lat, lng } = around(city.at, 25, next);
    return {
      id: newId('sto'),
      name: `店 ${i}`,
      format: STORE_FORMATS[i % STORE_FORMATS.length]!,
      city: city.name,
      address: `路 ${i} 号`,
      lat,
      lng,
      opensAt: '07:00',
      closesAt: '23:00',
      createdAt: Date.now(),
    };
  });
  for (let i = 0; i < records.length; i += 200) {
    const chunk = records.slice(i, i + 200);
    const geo = chunk.map((r) => ({
      type: 'put' as const,
      row: { cell: geohash(r), storeId: r.id, lat: r.lat, lng: r.lng, city: r.city, format: r.format },
    }));
    const facets = chunk.flatMap((r) =>
      facetsOf(r).map((facet) => ({ type: 'put' as const, row: { facet, storeId: r.id, createdAt: r.createdAt } })),
    );
    const stores = chunk.map((r) => ({ type: 'put' as const, row: storeRow(r) }));
    const results = await Promise.all([
      tables.geoCells.batchWrite(geo),
      tables.facets.batchWrite(facets),
      tables.stores.batchWrite(stores),
    ]);
    const failed = results.flat().find((r) => !r.ok);
    if (failed && !failed.ok) throw failed.error;
  }
  return records;
}
