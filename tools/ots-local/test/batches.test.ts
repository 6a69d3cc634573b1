/** BatchGetRow and BatchWriteRow: per-row results, partial failure, request limits. */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import type { BatchRowResult, WriteRowItem } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { I, S, cond, latest, long, pkList } from './support/values.js';

const t = useTarget();

const summary = (r: BatchRowResult): { table: string; ok: boolean; pk: unknown; attrs: unknown } => ({
  table: r.tableName,
  ok: r.isOk,
  pk: r.primaryKey ? pkList(r.primaryKey) : null,
  attrs: r.attributes && r.primaryKey ? latest({ attributes: r.attributes }) : null,
});

describe('BatchGetRow', () => {
  it('reads rows from two tables in request order, with missing rows as ok and empty', async () => {
    const t1 = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bg1' });
    const t2 = await createTable(t.client, { pk: [['k', 'INTEGER']], tag: 'bg2' });
    for (const id of ['a', 'b']) {
      await t.client.putRow({
        tableName: t1,
        condition: cond.ignore(),
        primaryKey: [{ id }],
        attributeColumns: [{ v: id.toUpperCase() }],
      });
    }
    await t.client.putRow({
      tableName: t2,
      condition: cond.ignore(),
      primaryKey: [{ k: long(1) }],
      attributeColumns: [{ n: long(100) }],
    });

    const res = await t.client.batchGetRow({
      tables: [
        { tableName: t1, primaryKey: [[{ id: 'a' }], [{ id: 'missing' }], [{ id: 'b' }]] },
        { tableName: t2, primaryKey: [[{ k: long(2) }], [{ k: long(1) }]] },
      ],
    });
    expect(res.tables).toHaveLength(2);
    expect(res.tables[0]?.map(summary)).toEqual([
      { table: t1, ok: true, pk: [['id', S('a')]], attrs: { v: S('A') } },
      { table: t1, ok: true, pk: null, attrs: null },
      { table: t1, ok: true, pk: [['id', S('b')]], attrs: { v: S('B') } },
    ]);
    expect(res.tables[1]?.map(summary)).toEqual([
      { table: t2, ok: true, pk: null, attrs: null },
      { table: t2, ok: true, pk: [['k', I(1)]], attrs: { n: I(100) } },
    ]);
  });

  it('applies columnsToGet and maxVersions per table', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 3, tag: 'bgopts' });
    const now = Date.now();
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'a' }],
      attributeColumns: [{ x: 'x1', timestamp: now - 2000 }, { x: 'x2', timestamp: now - 1000 }, { y: 'y' }],
    });
    const res = await t.client.batchGetRow({
      tables: [{ tableName: name, primaryKey: [[{ id: 'a' }]], columnsToGet: ['x'], maxVersions: 2 }],
    });
    const item = res.tables[0]?.[0];
    expect(item?.isOk).toBe(true);
    expect(item?.attributes?.map((a) => [a.columnName, a.columnValue])).toEqual([
      ['x', 'x2'],
      ['x', 'x1'],
    ]);
  });

  it('100 rows are allowed; 101 are rejected with OTSParameterInvalid', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bglimit' });
    const keys = (n: number): Array<Array<Record<string, string>>> => Array.from({ length: n }, (_, i) => [{ id: `k${i}` }]);
    const ok = await t.client.batchGetRow({ tables: [{ tableName: name, primaryKey: keys(100) }] });
    expect(ok.tables[0]).toHaveLength(100);
    const f = await expectOtsError(
      t.client.batchGetRow({ tables: [{ tableName: name, primaryKey: keys(101) }] }),
      'OTSParameterInvalid',
      400,
    );
    expect(f.text).toMatch(/100/);
  });
});

describe('BatchWriteRow', () => {
  it('applies PUT, UPDATE and DELETE per row; a failed condition fails only its row', async () => {
    const main = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bw1' });
    const other = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bw2' });
    for (const [id, v] of [
      ['u', 'u1'],
      ['d', 'd1'],
      ['c', 'c1'],
    ] as const) {
      await t.client.putRow({
        tableName: main,
        condition: cond.ignore(),
        primaryKey: [{ id }],
        attributeColumns: [{ v }, { n: long(1) }],
      });
    }
    const rows: WriteRowItem[] = [
      { type: 'PUT', condition: cond.ignore(), primaryKey: [{ id: 'p' }], attributeColumns: [{ v: 'p1' }] },
      {
        type: 'UPDATE',
        condition: cond.exist(),
        primaryKey: [{ id: 'u' }],
        attributeColumns: [{ PUT: [{ v: 'u2' }] }, { INCREMENT: [{ n: long(4) }] }],
      },
      { type: 'DELETE', condition: cond.exist(), primaryKey: [{ id: 'd' }] },
      { type: 'PUT', condition: cond.notExist(), primaryKey: [{ id: 'c' }], attributeColumns: [{ v: 'c2' }] },
    ];
    const res = await t.client.batchWriteRow({
      tables: [
        { tableName: main, rows },
        {
          tableName: other,
          rows: [{ type: 'PUT', condition: cond.ignore(), primaryKey: [{ id: 'o' }], attributeColumns: [{ v: 'o1' }] }],
        },
      ],
    });
    expect(res.tables.map((r) => [r.tableName, r.isOk, r.errorCode])).toEqual([
      [main, true, null],
      [main, true, null],
      [main, true, null],
      [main, false, 'OTSConditionCheckFail'],
      [other, true, null],
    ]);
    expect(res.tables[3]?.errorMessage).toBe('Condition check failed.');

    const get = async (table: string, id: string): Promise<Record<string, unknown>> =>
      latest((await t.client.getRow({ tableName: table, primaryKey: [{ id }] })).row);
    expect(await get(main, 'p')).toEqual({ v: S('p1') });
    expect(await get(main, 'u')).toEqual({ v: S('u2'), n: I(5) });
    expect(await get(main, 'd')).toEqual({});
    expect(await get(main, 'c')).toEqual({ v: S('c1'), n: I(1) });
    expect(await get(other, 'o')).toEqual({ v: S('o1') });
  });

  it('when every row fails the request still succeeds, with an error per row', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bwallfail' });
    const res = await t.client.batchWriteRow({
      tables: [
        {
          tableName: name,
          rows: [
            { type: 'PUT', condition: cond.exist(), primaryKey: [{ id: 'x' }], attributeColumns: [{ v: '1' }] },
            { type: 'UPDATE', condition: cond.exist(), primaryKey: [{ id: 'y' }], attributeColumns: [{ PUT: [{ v: '2' }] }] },
            { type: 'DELETE', condition: cond.exist(), primaryKey: [{ id: 'z' }] },
          ],
        },
      ],
    });
    expect(res.tables.map((r) => [r.isOk, r.errorCode, r.errorMessage])).toEqual([
      [false, 'OTSConditionCheckFail', 'Condition check failed.'],
      [false, 'OTSConditionCheckFail', 'Condition check failed.'],
      [false, 'OTSConditionCheckFail', 'Condition check failed.'],
    ]);
    for (const id of ['x', 'y', 'z']) expect((await t.client.getRow({ tableName: name, primaryKey: [{ id }] })).row).toEqual({});
  });

  it('a row with a wrong primary key fails alone with OTSInvalidPK', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bwbadpk' });
    const res = await t.client.batchWriteRow({
      tables: [
        {
          tableName: name,
          rows: [
            { type: 'UPDATE', condition: cond.ignore(), primaryKey: [{ wrong: 'a' }], attributeColumns: [{ PUT: [{ v: '1' }] }] },
            { type: 'PUT', condition: cond.ignore(), primaryKey: [{ id: 'good' }], attributeColumns: [{ v: '2' }] },
          ],
        },
      ],
    });
    const got = res.tables.map((r) => [r.isOk, r.errorCode]);
    expect(got, JSON.stringify(res.tables.map((r) => [r.isOk, r.errorCode, r.errorMessage]))).toEqual([
      [false, 'OTSInvalidPK'],
      [true, null],
    ]);
    expect(latest((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'good' }] })).row)).toEqual({ v: S('2') });
  });

  it('returns the primary key of a row written with ReturnType Primarykey', async () => {
    const name = await createTable(t.client, {
      pk: [
        ['id', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'bwret',
    });
    const res = await t.client.batchWriteRow({
      tables: [
        {
          tableName: name,
          rows: [
            {
              type: 'PUT',
              condition: cond.ignore(),
              primaryKey: [{ id: 'a' }, { n: long(9) }],
              attributeColumns: [{ v: 'x' }],
              returnContent: { returnType: 1 },
            },
          ],
        },
      ],
    });
    expect(res.tables[0]?.isOk).toBe(true);
    expect(pkList(res.tables[0]?.primaryKey)).toEqual([
      ['id', S('a')],
      ['n', I(9)],
    ]);
  });

  it('200 rows are allowed; 201 are rejected with OTSParameterInvalid and nothing is written', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bwlimit' });
    const rows = (n: number, prefix: string): WriteRowItem[] =>
      Array.from({ length: n }, (_, i) => ({
        type: 'PUT' as const,
        condition: cond.ignore(),
        primaryKey: [{ id: `${prefix}${i}` }],
        attributeColumns: [{ i: long(i) }],
      }));
    const ok = await t.client.batchWriteRow({ tables: [{ tableName: name, rows: rows(200, 'ok') }] });
    expect(ok.tables.filter((r) => r.isOk)).toHaveLength(200);
    const f = await expectOtsError(
      t.client.batchWriteRow({ tables: [{ tableName: name, rows: rows(201, 'no') }] }),
      'OTSParameterInvalid',
      400,
    );
    expect(f.text).toMatch(/200/);
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'no0' }] })).row).toEqual({});
  });
});
