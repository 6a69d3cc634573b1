import { INF_MIN, type Row } from '@retail/tablestore';
import { collectStores } from './collect-stores.js';
import { encodeNearCursor, type NearPosition } from './cursors.js';
import type { StoresDeps } from './deps.js';
import { coverCircle, type CellRange } from './geo/cover.js';
import { haversineKm, roundKm } from './geo/distance.js';
import { num, text, toStore } from './records.js';
import type { CheckedSearch } from './store-checks.js';
import type { StoreSearchResult } from './types/search.js';
import type { NearbyStore } from './types/store.js';

type NearSearch = Extract<CheckedSearch, { kind: 'near' }>;

/**
 * Stores within the radius, nearest first (ties by id), filtered by city and format. Reads the geo
 * index rows of the cells covering the circle (see `coverCircle`), never the whole chain; then the
 * store rows of the page only. A page is `limit` stores; the cursor is the next store's exact
 * distance and id, so paging continues in distance order whatever was created meanwhile.
 */
export async function searchNear(deps: StoresDeps, q: NearSearch): Promise<StoreSearchResult<NearbyStore>> {
  const cover = coverCircle(q.near, q.radiusKm);
  const cells = await Promise.all(cover.ranges.map((range) => readCells(deps, range)));
  let rowsRead = 0;
  const hits: NearPosition[] = [];
  for (const rows of cells) {
    rowsRead += rows.length;
    for (const row of rows) {
      if ((q.city !== undefined && row.city !== q.city) || (q.format !== undefined && row.format !== q.format)) continue;
      const distanceKm = haversineKm(q.near, { lat: num(row, 'lat'), lng: num(row, 'lng') });
      if (distanceKm <= q.radiusKm) hits.push({ distanceKm, storeId: text(row, 'storeId') });
    }
  }
  hits.sort(compare);
  const from = q.from;
  let at = from ? hits.findIndex((hit) => compare(hit, from) >= 0) : 0;
  if (at < 0) at = hits.length;
  const collected = await collectStores(
    deps.tables,
    async (count) => {
      const batch = hits.slice(at, at + count);
      at += batch.length;
      return batch;
    },
    q.limit + 1,
  );
  const items = collected.found
    .slice(0, q.limit)
    .map(({ candidate, store }) => ({ ...toStore(store), distanceKm: roundKm(candidate.distanceKm) }));
  const next = collected.found[q.limit]?.candidate;
  return { items, nextCursor: next ? encodeNearCursor(next) : null, rowsRead: rowsRead + collected.rowsRead };
}

/** Every geo index row of one key range of cells. */
async function readCells(deps: StoresDeps, range: CellRange): Promise<Row[]> {
  const rows: Row[] = [];
  const scan = deps.tables.geoCells.scan({
    start: { cell: range.start, storeId: INF_MIN },
    ...(range.end === undefined ? {} : { end: { cell: range.end, storeId: INF_MIN } }),
    columns: ['lat', 'lng', 'city', 'format'],
  });
  for await (const row of scan) rows.push(row);
  return rows;
}

function compare(a: NearPosition, b: NearPosition): number {
  if (a.distanceKm !== b.distanceKm) return a.distanceKm - b.distanceKm;
  return a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0;
}
