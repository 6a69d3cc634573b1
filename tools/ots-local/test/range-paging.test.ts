/**
 * GetRange paging: limit + nextStartPrimaryKey visits every row once, and a response is cut at
 * 5000 rows or 4 MB with the next start key returned (TABLESTORE.md §6).
 */
import { describe, expect, it } from 'vitest';
import { bulkPut, bulkRow, scanAll } from './support/bulk.js';
import type { FullRow } from './support/sdk.js';
import { createTable, INF_MAX, INF_MIN } from './support/tables.js';
import { useTarget } from './support/target.js';
import { I, S, big, cond, latest, long, pkList, pool } from './support/values.js';

const t = useTarget();

const pad = (i: number, w = 5): string => String(i).padStart(w, '0');

describe('limit paging over a two-column key', () => {
  const GROUPS = ['g0', 'g1', 'g2', 'g3'];
  const PER_GROUP = 300; // 1200 rows

  async function seed(): Promise<string> {
    const name = await createTable(t.client, {
      pk: [
        ['g', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'paging',
    });
    await bulkPut(
      t.client,
      name,
      GROUPS.flatMap((g) => Array.from({ length: PER_GROUP }, (_, n) => bulkRow([{ g }, { n: long(n) }], [{ v: `${g}:${n}` }]))),
    );
    return name;
  }
  const keyOf = (r: FullRow): string => `${String(r.primaryKey[0]?.value)}:${big(r.primaryKey[1]?.value)}`;
  const expectedForward = GROUPS.flatMap((g) => Array.from({ length: PER_GROUP }, (_, n) => `${g}:${n}`));

  it('FORWARD with limit 97 visits all 1200 rows exactly once, in order', async () => {
    const name = await seed();
    const pages = await scanAll(t.client, {
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ g: INF_MIN }, { n: INF_MIN }],
      exclusiveEndPrimaryKey: [{ g: INF_MAX }, { n: INF_MAX }],
      limit: 97,
    });
    const sizes = pages.map((p) => p.rows.length);
    expect(sizes).toEqual([...Array(12).fill(97), 1200 - 12 * 97]);
    const keys = pages.flatMap((p) => p.rows.map(keyOf));
    expect(keys).toEqual(expectedForward);
    for (const p of pages) for (const r of p.rows) expect(latest(r).v).toEqual(S(keyOf(r)));
    // Each next start key is the first row of the following page.
    for (let i = 0; i + 1 < pages.length; i++) {
      expect(pkList(pages[i]?.next)).toEqual(pkList(pages[i + 1]?.rows[0]?.primaryKey));
    }
  });

  it('BACKWARD with limit 97 visits all 1200 rows exactly once, in reverse order', async () => {
    const name = await seed();
    const pages = await scanAll(t.client, {
      tableName: name,
      direction: 'BACKWARD',
      inclusiveStartPrimaryKey: [{ g: INF_MAX }, { n: INF_MAX }],
      exclusiveEndPrimaryKey: [{ g: INF_MIN }, { n: INF_MIN }],
      limit: 97,
    });
    expect(pages.map((p) => p.rows.length)).toEqual([...Array(12).fill(97), 1200 - 12 * 97]);
    expect(pages.flatMap((p) => p.rows.map(keyOf))).toEqual([...expectedForward].reverse());
  });

  it('paging within one partition key with concrete bounds', async () => {
    const name = await seed();
    const pages = await scanAll(t.client, {
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ g: 'g2' }, { n: long(10) }],
      exclusiveEndPrimaryKey: [{ g: 'g2' }, { n: long(260) }],
      limit: 97,
    });
    expect(pages.flatMap((p) => p.rows.map(keyOf))).toEqual(Array.from({ length: 250 }, (_, i) => `g2:${i + 10}`));
  });
});

describe('response size cuts', () => {
  it('without a limit, one response stops at 5000 rows and returns the next start key', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'cut5000' });
    await bulkPut(
      t.client,
      name,
      Array.from({ length: 6000 }, (_, i) => ({ primaryKey: [{ id: `r${pad(i)}` }], attributeColumns: [{ n: long(i) }] })),
    );
    const params = {
      tableName: name,
      direction: 'FORWARD' as const,
      inclusiveStartPrimaryKey: [{ id: INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    };
    const first = await t.client.getRange(params);
    expect(first.rows).toHaveLength(5000);
    expect(first.rows[0] && pkList(first.rows[0].primaryKey)).toEqual([['id', S('r00000')]]);
    expect(first.rows[4999] && pkList(first.rows[4999].primaryKey)).toEqual([['id', S('r04999')]]);
    expect(pkList(first.nextStartPrimaryKey)).toEqual([['id', S('r05000')]]);

    const second = await t.client.getRange({ ...params, inclusiveStartPrimaryKey: [{ id: 'r05000' }] });
    expect(second.rows).toHaveLength(1000);
    expect(second.rows[999] && latest(second.rows[999])).toEqual({ n: I(5999) });
    expect(second.nextStartPrimaryKey).toBeNull();
  });

  it('with exactly 5000 rows left, all come back and there is no next start key', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'exact5000' });
    await bulkPut(
      t.client,
      name,
      Array.from({ length: 5000 }, (_, i) => ({ primaryKey: [{ id: `r${pad(i)}` }], attributeColumns: [{ n: long(i) }] })),
    );
    const res = await t.client.getRange({
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ id: INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    });
    expect(res.rows).toHaveLength(5000);
    expect(res.nextStartPrimaryKey).toBeNull();
  });

  it('a response stops near 4 MB and paging still returns every large row once', async () => {
    const ROWS = 60;
    const SIZE = 100 * 1024;
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'cut4mb' });
    await pool(ROWS, 6, (i) =>
      t.client.putRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: [{ id: `big${pad(i, 3)}` }],
        attributeColumns: [{ payload: String.fromCharCode(65 + (i % 26)).repeat(SIZE) }],
      }),
    );
    const params = {
      tableName: name,
      direction: 'FORWARD' as const,
      inclusiveStartPrimaryKey: [{ id: INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    };
    const first = await t.client.getRange(params);
    const bytes = first.rows.reduce((s, r) => s + String(r.attributes[0]?.columnValue ?? '').length, 0);
    // 4 MiB / 100 KiB = 40.96 rows: the cut lands at 38-41 rows depending on how overhead is counted.
    expect(first.rows.length, `first page had ${first.rows.length} rows (${bytes} payload bytes)`).toBeGreaterThanOrEqual(38);
    expect(first.rows.length).toBeLessThanOrEqual(41);
    expect(first.nextStartPrimaryKey, 'a cut response must return the next start key').not.toBeNull();
    expect(pkList(first.nextStartPrimaryKey)).toEqual([['id', S(`big${pad(first.rows.length, 3)}`)]]);

    const pages = await scanAll(t.client, params);
    const ids = pages.flatMap((p) => p.rows.map((r) => String(r.primaryKey[0]?.value)));
    expect(ids).toEqual(Array.from({ length: ROWS }, (_, i) => `big${pad(i, 3)}`));
    for (const p of pages) {
      for (const r of p.rows) {
        const i = Number(String(r.primaryKey[0]?.value).slice(3));
        expect(r.attributes[0]?.columnValue).toBe(String.fromCharCode(65 + (i % 26)).repeat(SIZE));
      }
    }
  });
});
