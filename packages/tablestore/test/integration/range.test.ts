import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INF_MAX,
  InvalidCursorError,
  batchWriteRows,
  defineTable,
  ensureTables,
  getRangePage,
  scanRange,
  type Row,
} from '../../src/index.js';
import { encodeCursor } from '../../src/cursor.js';
import TableStore from 'tablestore';
import { startTestServer, type TestServer } from '../support/ots.js';

const sdkConfig = () => ({
  endpoint: s.config.endpoint,
  instancename: s.config.instanceName,
  accessKeyId: s.config.accessKeyId,
  accessKeySecret: s.config.accessKeySecret,
});

const lines = defineTable({
  name: 'lines',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'n', type: 'integer' },
  ],
  columns: { qty: 'integer', price: 'double' },
});
const ROWS = 5600;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [lines]);
  const ops = Array.from({ length: ROWS }, (_, n) => ({
    type: 'put' as const,
    row: { shard: 'a', n, qty: n % 7, pad: 'x'.repeat(20) },
  }));
  ops.push(...['0', 'b'].map((shard) => ({ type: 'put' as const, row: { shard, n: 1, qty: 1, pad: '' } })));
  const results = await batchWriteRows(s.client, lines, ops);
  expect(results.every((r) => r.ok)).toBe(true);
});
afterAll(() => s.stop());

const collect = async (it: AsyncIterable<Row>) => {
  const out: Row[] = [];
  for await (const row of it) out.push(row);
  return out;
};

describe('scanRange', () => {
  it('(the server cuts one GetRange at 5000 rows and returns where to go on)', async () => {
    const sdk = new TableStore.Client({ ...sdkConfig(), maxRetries: 0 });
    const res = await sdk.getRange({
      tableName: 'lines',
      direction: TableStore.Direction.FORWARD,
      inclusiveStartPrimaryKey: [{ shard: 'a' }, { n: TableStore.INF_MIN }],
      exclusiveEndPrimaryKey: [{ shard: 'a' }, { n: TableStore.INF_MAX }],
    });
    expect(res.rows).toHaveLength(5000);
    expect(res.nextStartPrimaryKey?.map((c) => c.name)).toEqual(['shard', 'n']);
  });

  it(`visits each of ${ROWS} rows exactly once, in order, across several GetRange requests`, async () => {
    const rows = await collect(scanRange(s.client, lines, { start: { shard: 'a' }, end: { shard: 'a' } }));
    expect(rows.map((r) => r['n'])).toEqual(Array.from({ length: ROWS }, (_, n) => n));
    expect(rows[10]).toEqual({ shard: 'a', n: 10, qty: 3, pad: 'x'.repeat(20) });
  });

  it('scans backward', async () => {
    const rows = await collect(
      scanRange(s.client, lines, { start: { shard: 'a' }, end: { shard: 'a' }, direction: 'backward', pageSize: 1000 }),
    );
    expect(rows.map((r) => r['n'])).toEqual(Array.from({ length: ROWS }, (_, n) => ROWS - 1 - n));
  });

  it('scans the whole table with INF bounds by default, and with explicit ones', async () => {
    const all = await collect(scanRange(s.client, lines, { columns: ['qty'] }));
    expect(all).toHaveLength(ROWS + 2);
    expect(all[0]).toEqual({ shard: '0', n: 1, qty: 1 });
    expect(all.at(-1)).toEqual({ shard: 'b', n: 1, qty: 1 });
    const tail = await collect(
      scanRange(s.client, lines, { start: { shard: 'a', n: ROWS - 3 }, end: { shard: 'a', n: INF_MAX } }),
    );
    expect(tail.map((r) => r['n'])).toEqual([ROWS - 3, ROWS - 2, ROWS - 1]);
  });

  it('filters, returning only asked-for columns even when the filter reads others', async () => {
    const rows = await collect(
      scanRange(s.client, lines, {
        start: { shard: 'a' },
        end: { shard: 'a' },
        filter: { column: 'qty', op: '=', value: 6 },
        columns: ['pad'],
      }),
    );
    expect(rows).toHaveLength(Array.from({ length: ROWS }, (_, n) => n).filter((n) => n % 7 === 6).length);
    expect(rows[0]).toEqual({ shard: 'a', n: 6, pad: 'x'.repeat(20) });
  });

  it('stops early when the consumer breaks', async () => {
    let seen = 0;
    for await (const _ of scanRange(s.client, lines, { pageSize: 10 })) if (++seen === 25) break;
    expect(seen).toBe(25);
  });
});

describe('getRangePage', () => {
  it('pages through a range with opaque cursors', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getRangePage(s.client, lines, { start: { shard: 'a' }, end: { shard: 'a' }, limit: 700, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(700);
      seen.push(...page.rows.map((r) => r['n']));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(ROWS / 700));
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, n) => n));
  });

  it('fills a filtered page across requests', async () => {
    const page = await getRangePage(s.client, lines, {
      start: { shard: 'a' },
      end: { shard: 'a' },
      filter: { column: 'qty', op: '=', value: 0 },
      limit: 100,
    });
    expect(page.rows.map((r) => r['n'])).toEqual(Array.from({ length: 100 }, (_, i) => i * 7));
    const next = await getRangePage(s.client, lines, {
      start: { shard: 'a' },
      end: { shard: 'a' },
      filter: { column: 'qty', op: '=', value: 0 },
      limit: 100,
      cursor: page.cursor,
    });
    expect(next.rows[0]?.['n']).toBe(700);
  });

  it('pages backward', async () => {
    const first = await getRangePage(s.client, lines, {
      start: { shard: 'a' },
      end: { shard: 'a' },
      direction: 'backward',
      limit: 3,
    });
    expect(first.rows.map((r) => r['n'])).toEqual([ROWS - 1, ROWS - 2, ROWS - 3]);
    const second = await getRangePage(s.client, lines, {
      start: { shard: 'a' },
      end: { shard: 'a' },
      direction: 'backward',
      limit: 3,
      cursor: first.cursor,
    });
    expect(second.rows.map((r) => r['n'])).toEqual([ROWS - 4, ROWS - 5, ROWS - 6]);
  });

  it('rejects tampered cursors and cursors outside the range', async () => {
    const opts = { start: { shard: 'a' }, end: { shard: 'a' }, limit: 5 };
    const { cursor } = await getRangePage(s.client, lines, opts);
    expect(cursor).toBeDefined();
    await expect(getRangePage(s.client, lines, { ...opts, cursor: `${cursor}x` })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(getRangePage(s.client, lines, { ...opts, cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(getRangePage(s.client, lines, { ...opts, cursor: encodeCursor(['b', 1]) })).rejects.toThrow(
      /outside the requested range/,
    );
  });
});
