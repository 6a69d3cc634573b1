/** Column filters on reads: rows that do not match are not returned. */
import { describe, expect, it } from 'vitest';
import { TableStore } from './support/sdk.js';
import { createTable, INF_MAX, INF_MIN } from './support/tables.js';
import { useTarget } from './support/target.js';
import { I, S, composite, cond, latest, long, pkList, pool, single } from './support/values.js';

const t = useTarget();

async function seed(): Promise<string> {
  const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'filter' });
  // id k0..k9, n = i, s = 'even'/'odd'; k7 has no n column.
  await pool(10, 5, (i) =>
    t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: `k${i}` }],
      attributeColumns: i === 7 ? [{ s: 'odd' }] : [{ n: long(i) }, { s: i % 2 === 0 ? 'even' : 'odd' }],
    }),
  );
  return name;
}

async function rangeIds(name: string, filter: Parameters<typeof t.client.getRange>[0]['columnFilter']): Promise<string[]> {
  const res = await t.client.getRange({
    tableName: name,
    direction: 'FORWARD',
    inclusiveStartPrimaryKey: [{ id: INF_MIN }],
    exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    columnFilter: filter,
  });
  expect(res.nextStartPrimaryKey).toBeNull();
  return res.rows.map((r) => String(r.primaryKey[0]?.value));
}

describe('GetRow filter', () => {
  it('returns the row when it matches and an empty row when it does not', async () => {
    const name = await seed();
    const hit = await t.client.getRow({
      tableName: name,
      primaryKey: [{ id: 'k4' }],
      columnFilter: single('n', 'EQUAL', long(4)),
    });
    expect(pkList(hit.row.primaryKey)).toEqual([['id', S('k4')]]);
    expect(latest(hit.row)).toEqual({ n: I(4), s: S('even') });
    const miss = await t.client.getRow({
      tableName: name,
      primaryKey: [{ id: 'k4' }],
      columnFilter: single('n', 'EQUAL', long(5)),
    });
    expect(miss.row).toEqual({});
  });

  it('passIfMissing=false filters out a row without the column', async () => {
    const name = await seed();
    const strict = await t.client.getRow({
      tableName: name,
      primaryKey: [{ id: 'k7' }],
      columnFilter: single('n', 'GREATER_THAN', long(0), false),
    });
    expect(strict.row).toEqual({});
    const lenient = await t.client.getRow({
      tableName: name,
      primaryKey: [{ id: 'k7' }],
      columnFilter: single('n', 'GREATER_THAN', long(0), true),
    });
    expect(latest(lenient.row)).toEqual({ s: S('odd') });
  });
});

describe('GetRange filter', () => {
  it('single condition', async () => {
    const name = await seed();
    expect(await rangeIds(name, single('n', 'GREATER_EQUAL', long(5), false))).toEqual(['k5', 'k6', 'k8', 'k9']);
  });

  it('passIfMissing=true keeps the row without the column', async () => {
    const name = await seed();
    expect(await rangeIds(name, single('n', 'GREATER_EQUAL', long(5), true))).toEqual(['k5', 'k6', 'k7', 'k8', 'k9']);
  });

  it('AND, OR and NOT', async () => {
    const name = await seed();
    expect(
      await rangeIds(name, composite('AND', single('s', 'EQUAL', 'even'), single('n', 'LESS_THAN', long(5), false))),
    ).toEqual(['k0', 'k2', 'k4']);
    expect(
      await rangeIds(name, composite('OR', single('n', 'EQUAL', long(1), false), single('n', 'EQUAL', long(8), false))),
    ).toEqual(['k1', 'k8']);
    expect(await rangeIds(name, composite('NOT', single('s', 'EQUAL', 'odd')))).toEqual(['k0', 'k2', 'k4', 'k6', 'k8']);
  });

  it('a filter matching nothing returns no rows', async () => {
    const name = await seed();
    expect(await rangeIds(name, single('s', 'EQUAL', 'neither'))).toEqual([]);
  });
});

describe('ColumnPaginationFilter', () => {
  it('returns limit columns starting at offset, in column-name order', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'colpage' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'wide' }],
      attributeColumns: [{ d: 'D' }, { a: 'A' }, { c: 'C' }, { b: 'B' }, { e: 'E' }],
    });
    const { row } = await t.client.getRow({
      tableName: name,
      primaryKey: [{ id: 'wide' }],
      columnFilter: new TableStore.ColumnPaginationFilter(2, 1),
    });
    expect(pkList(row.primaryKey)).toEqual([['id', S('wide')]]);
    expect(latest(row)).toEqual({ b: S('B'), c: S('C') });
    expect(Object.keys(latest(row))).toEqual(['b', 'c']);
  });
});

describe('BatchGetRow filter', () => {
  it('filters each row independently', async () => {
    const name = await seed();
    const res = await t.client.batchGetRow({
      tables: [
        {
          tableName: name,
          primaryKey: [[{ id: 'k2' }], [{ id: 'k3' }], [{ id: 'k4' }]],
          columnFilter: single('s', 'EQUAL', 'even'),
        },
      ],
    });
    const items = res.tables[0] ?? [];
    expect(items.map((i) => i.isOk)).toEqual([true, true, true]);
    expect(items.map((i) => (i.primaryKey ? String(i.primaryKey[0]?.value) : null))).toEqual(['k2', null, 'k4']);
  });
});
