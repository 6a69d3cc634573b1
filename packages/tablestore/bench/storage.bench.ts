/**
 * `pnpm bench`: GetRow, a guarded conditional UpdateRow and a 100-row GetRange, at concurrency 1
 * and 50, through the raw SDK (the baseline) and through @retail/tablestore, in the same run,
 * against ots-local in its own process. Prints ops/s, p99 and the layer's ratio to the SDK.
 */
import { spawnOtsLocal, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE } from '@retail/ots-local';
import TableStore from 'tablestore';
import { bindTable, createTablestoreClient, defineTable, ensureTables } from '../src/index.js';
import { measure, type Measurement } from './measure.js';
import { processCpuSeconds } from './process-cpu.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ITEMS = 1000;
const RANGE_ROWS = 100;

const items = defineTable({ name: 'bench_items', primaryKey: [{ name: 'id', type: 'string' }], columns: { stock: 'integer' } });
const lines = defineTable({
  name: 'bench_lines',
  primaryKey: [
    { name: 'orderId', type: 'string' },
    { name: 'line', type: 'integer' },
  ],
});

const ots = await spawnOtsLocal({ memory: true });
const config = {
  endpoint: ots.endpoint,
  instanceName: DEV_INSTANCE,
  accessKeyId: DEV_ACCESS_KEY_ID,
  accessKeySecret: DEV_ACCESS_KEY_SECRET,
};
const client = createTablestoreClient({ ...config, maxSockets: 64 });
await ensureTables(client, [items, lines]);
const itemTable = bindTable(client, items);
const lineTable = bindTable(client, lines);
await itemTable.batchWrite(
  Array.from({ length: ITEMS }, (_, i) => ({ type: 'put' as const, row: { id: `sku-${i}`, stock: 1_000_000_000 } })),
);
await lineTable.batchWrite(
  Array.from({ length: RANGE_ROWS }, (_, i) => ({
    type: 'put' as const,
    row: { orderId: 'ord-1', line: i, sku: `sku-${i}`, quantity: 2 },
  })),
);

// The baseline: the SDK as a careful caller would use it (own keep-alive agent, no retries).
const sdk = new TableStore.Client({
  endpoint: config.endpoint,
  instancename: config.instanceName,
  accessKeyId: config.accessKeyId,
  accessKeySecret: config.accessKeySecret,
  maxRetries: 0,
  httpOptions: { timeout: 3000, agent: new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 64 }) },
});
type Callback = (error: unknown, data: unknown) => void;
const methods = sdk as unknown as Record<string, (params: unknown, callback: Callback) => void>;
const call = (method: string, params: unknown) =>
  new Promise((resolve, reject) => methods[method]!.call(sdk, params, (error, data) => (error ? reject(error) : resolve(data))));
const long = TableStore.Long.fromNumber;
const sku = (i: number) => `sku-${i % ITEMS}`;
const guard = () =>
  new TableStore.Condition(
    TableStore.RowExistenceExpectation.EXPECT_EXIST,
    new TableStore.SingleColumnCondition('stock', long(1), TableStore.ComparatorType.GREATER_EQUAL, false),
  );

const scenarios: { name: string; raw: (i: number) => Promise<unknown>; layer: (i: number) => Promise<unknown> }[] = [
  {
    name: 'GetRow',
    raw: (i) => call('getRow', { tableName: items.name, primaryKey: [{ id: sku(i) }] }),
    layer: (i) => itemTable.get({ id: sku(i) }),
  },
  {
    name: 'UpdateRow stock -1 if >= 1',
    raw: (i) =>
      call('updateRow', {
        tableName: items.name,
        condition: guard(),
        primaryKey: [{ id: sku(i) }],
        updateOfAttributeColumns: [{ INCREMENT: [{ stock: long(-1) }] }],
      }),
    layer: (i) => itemTable.tryDecrement({ id: sku(i) }, 'stock', 1),
  },
  {
    name: 'GetRange 100 rows',
    raw: () =>
      call('getRange', {
        tableName: lines.name,
        direction: TableStore.Direction.FORWARD,
        inclusiveStartPrimaryKey: [{ orderId: 'ord-1' }, { line: TableStore.INF_MIN }],
        exclusiveEndPrimaryKey: [{ orderId: 'ord-1' }, { line: TableStore.INF_MAX }],
        limit: RANGE_ROWS,
      }),
    layer: () => lineTable.page({ start: { orderId: 'ord-1' }, end: { orderId: 'ord-1' }, limit: RANGE_ROWS }),
  },
];

const rows: string[][] = [];
const fmt = (m: Measurement) => [Math.round(m.opsPerSecond).toString(), m.p99Ms.toFixed(2)];
for (const scenario of scenarios) {
  for (const concurrency of [1, 50]) {
    await measure(scenario.raw, concurrency, 0.5); // warm-up: JIT and sockets
    await measure(scenario.layer, concurrency, 0.5);
    const cpuBefore = processCpuSeconds(ots.pid);
    const raw = await measure(scenario.raw, concurrency, SECONDS);
    const cpuAfter = processCpuSeconds(ots.pid);
    const layer = await measure(scenario.layer, concurrency, SECONDS);
    const serverMicros =
      cpuBefore === undefined || cpuAfter === undefined ? '-' : String(Math.round(((cpuAfter - cpuBefore) / raw.ops) * 1e6));
    rows.push([
      scenario.name,
      String(concurrency),
      ...fmt(raw),
      ...fmt(layer),
      (layer.opsPerSecond / raw.opsPerSecond).toFixed(2),
      serverMicros,
    ]);
  }
}

const header = [
  'operation',
  'conc',
  'sdk ops/s',
  'sdk p99 ms',
  'layer ops/s',
  'layer p99 ms',
  'layer/sdk',
  'ots-local cpu µs/op',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const print = (cells: string[]) => process.stdout.write(`| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`);
process.stdout.write(
  `\nstorage benchmark: ${SECONDS}s per cell, ots-local in its own process (${process.version}, ${(await import('node:os')).cpus().length} cores)\n\n`,
);
print(header);
print(widths.map((w) => '-'.repeat(w)));
rows.forEach(print);
client.close();
await ots.stop();
