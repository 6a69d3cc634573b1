/**
 * `pnpm --filter @retail/stores bench` (and root `pnpm bench`): nearest-first store search over
 * 5000 stores in ots-local (its own process), through the geo cell index, against the baseline
 * measured in the same run: a full scan of the stores table answering the same query (distance of
 * every store, filter, sort, first page). Queries are random points within 10 km of a city centre,
 * limit 20, at radius 1, 5 (the default) and 20 km. Prints queries/s, p50/p99 and rows read per
 * query, and the index's ratio to the scan. BENCH_SECONDS (default 1) per measurement.
 */
import { systemClock } from '@retail/core';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import { bindStoresTables, haversineKm, StoreService, storesTables, type GeoPoint } from '../src/index.js';
import { measure, type Measurement } from './measure.js';
import { around, CITIES, seedStores } from './seed.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const STORES = 5000;
const CONCURRENCY = 8;
const LIMIT = 20;

/** Deterministic, so every run asks the same queries. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ots = await spawnOtsLocal({ memory: true });
const client = createTablestoreClient({
  endpoint: ots.endpoint,
  instanceName: DEV_INSTANCE,
  accessKeyId: DEV_ACCESS_KEY_ID,
  accessKeySecret: DEV_ACCESS_KEY_SECRET,
  maxSockets: 64,
});
await ensureTables(client, storesTables);
const tables = bindStoresTables(client);
const next = random(2026);
await seedStores(tables, STORES, next);
const stores = new StoreService({ tables, clock: systemClock });
const points: GeoPoint[] = Array.from({ length: 500 }, (_, i) => around(CITIES[i % CITIES.length]!.at, 10, next));

/** The baseline: every store row read, the same answer computed from them. */
async function scanSearch(near: GeoPoint, radiusKm: number): Promise<{ ids: string[]; rowsRead: number }> {
  const hits: { id: string; d: number }[] = [];
  let rowsRead = 0;
  for await (const row of tables.stores.scan({ pageSize: 5000 })) {
    rowsRead++;
    const d = haversineKm(near, { lat: row.lat as number, lng: row.lng as number });
    if (d <= radiusKm) hits.push({ id: row.storeId as string, d });
  }
  hits.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
  return { ids: hits.slice(0, LIMIT).map((h) => h.id), rowsRead };
}

async function indexSearch(near: GeoPoint, radiusKm: number): Promise<{ ids: string[]; rowsRead: number }> {
  const page = await stores.search({ near, radiusKm, limit: LIMIT });
  return { ids: page.items.map((s) => s.id), rowsRead: page.rowsRead };
}

// The two must agree before either is timed.
for (const [i, near] of points.slice(0, 12).entries()) {
  const radiusKm = [1, 5, 20][i % 3]!;
  const [a, b] = await Promise.all([indexSearch(near, radiusKm), scanSearch(near, radiusKm)]);
  if (a.ids.join() !== b.ids.join()) throw new Error(`index and scan disagree at ${JSON.stringify(near)} r=${radiusKm}`);
}

async function run(
  search: (near: GeoPoint, radiusKm: number) => Promise<{ ids: string[]; rowsRead: number }>,
  radiusKm: number,
): Promise<Measurement & { rowsPerQuery: number; found: number }> {
  let rows = 0;
  let found = 0;
  let queries = 0;
  const m = await measure(
    async (i) => {
      const r = await search(points[i % points.length]!, radiusKm);
      rows += r.rowsRead;
      found += r.ids.length;
      queries++;
    },
    CONCURRENCY,
    SECONDS,
  );
  return { ...m, rowsPerQuery: rows / queries, found: found / queries };
}

const table: string[][] = [];
for (const radiusKm of [1, 5, 20]) {
  const scan = await run(scanSearch, radiusKm);
  const index = await run(indexSearch, radiusKm);
  for (const [name, m] of [
    ['full scan (baseline)', scan],
    ['geo cell index', index],
  ] as const) {
    table.push([
      `${radiusKm} km`,
      name,
      m.opsPerSecond.toFixed(0),
      m.p50Ms.toFixed(2),
      m.p99Ms.toFixed(2),
      m.rowsPerQuery.toFixed(1),
      m.found.toFixed(1),
      m === index ? (index.opsPerSecond / scan.opsPerSecond).toFixed(1) + 'x' : '1.0x',
      m === index ? (scan.rowsPerQuery / index.rowsPerQuery).toFixed(0) + 'x fewer' : '',
    ]);
  }
}

const header = [
  'radius',
  'search',
  'queries/s',
  'p50 ms',
  'p99 ms',
  'rows read/query',
  'stores found',
  'q/s ratio',
  'rows ratio',
];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const print = (cells: string[]) => process.stdout.write(`| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`);
process.stdout.write(
  `\nstores nearby search: ${STORES} stores in ${CITIES.length} cities, limit ${LIMIT}, concurrency ${CONCURRENCY}, ${SECONDS}s each, ots-local in its own process\n\n`,
);
print(header);
print(widths.map((w) => '-'.repeat(w)));
table.forEach(print);
client.close();
await ots.stop();
