/** Single-row reads and writes: value types, missing rows, columnsToGet, whole-row replace. */
import { describe, expect, it } from 'vitest';
import type { AttributeInput, PrimaryKeyInput } from './support/sdk.js';
import { createTable, INF_MAX, INF_MIN } from './support/tables.js';
import { useTarget } from './support/target.js';
import { B, BOOL, D, I, S, columnNames, cond, latest, long, pkList, type Tagged } from './support/values.js';

const t = useTarget();

const unicode = 'héllo 世界 🎉 ñ — ⁂ \u0000 end';
const ALL_TYPES: Array<[string, AttributeInput[number][string], Tagged]> = [
  ['i_pos', long(42), I(42)],
  ['i_zero', long(0), I(0)],
  ['i_neg', long(-1), I(-1)],
  ['i_2p53_plus_1', long('9007199254740993'), I('9007199254740993')],
  ['i_max', long('9223372036854775807'), I('9223372036854775807')],
  ['i_min', long('-9223372036854775808'), I('-9223372036854775808')],
  ['i_neg_big', long('-1234567890123456789'), I('-1234567890123456789')],
  ['d_pi', Math.PI, D(Math.PI)],
  ['d_neg', -0.5, D(-0.5)],
  ['d_whole', 5, D(5)],
  ['d_max', Number.MAX_VALUE, D(Number.MAX_VALUE)],
  ['d_min_subnormal', Number.MIN_VALUE, D(Number.MIN_VALUE)],
  ['b_true', true, BOOL(true)],
  ['b_false', false, BOOL(false)],
  ['s_empty', '', S('')],
  ['s_ascii', 'hello', S('hello')],
  ['s_unicode', unicode, S(unicode)],
  ['s_64k', 'x'.repeat(64 * 1024), S('x'.repeat(64 * 1024))],
  ['bin', Buffer.from([0, 1, 2, 0x7f, 0x80, 0xfe, 0xff]), B([0, 1, 2, 0x7f, 0x80, 0xfe, 0xff])],
  ['bin_empty', Buffer.alloc(0), B([])],
];

describe('value types', () => {
  it('round-trips every attribute type through PutRow and GetRow, GetRange and BatchGetRow', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'types' });
    const primaryKey: PrimaryKeyInput = [{ id: 'row1' }];
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey,
      attributeColumns: ALL_TYPES.map(([n, v]) => ({ [n]: v })),
    });
    const expected = Object.fromEntries(ALL_TYPES.map(([n, , tagged]) => [n, tagged]));

    const { row } = await t.client.getRow({ tableName: name, primaryKey });
    expect(pkList(row.primaryKey)).toEqual([['id', S('row1')]]);
    expect(latest(row)).toEqual(expected);
    expect(row.attributes).toHaveLength(ALL_TYPES.length);

    const range = await t.client.getRange({
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ id: INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    });
    expect(range.rows).toHaveLength(1);
    expect(latest(range.rows[0]!)).toEqual(expected);

    const batch = await t.client.batchGetRow({ tables: [{ tableName: name, primaryKey: [primaryKey] }] });
    const item = batch.tables[0]?.[0];
    expect(item?.isOk).toBe(true);
    expect(latest({ attributes: item?.attributes ?? null })).toEqual(expected);
  });

  it('round-trips STRING, INTEGER and BINARY primary key values', async () => {
    const name = await createTable(t.client, {
      pk: [
        ['s', 'STRING'],
        ['i', 'INTEGER'],
        ['b', 'BINARY'],
      ],
      tag: 'pktypes',
    });
    const keys: Array<[PrimaryKeyInput, Array<[string, Tagged]>]> = [
      [
        [{ s: 'ключ/🔑' }, { i: long('-9223372036854775808') }, { b: Buffer.from([0, 0xff, 1]) }],
        [
          ['s', S('ключ/🔑')],
          ['i', I('-9223372036854775808')],
          ['b', B([0, 0xff, 1])],
        ],
      ],
      [
        [{ s: 'z' }, { i: long('9223372036854775807') }, { b: Buffer.from([0]) }],
        [
          ['s', S('z')],
          ['i', I('9223372036854775807')],
          ['b', B([0])],
        ],
      ],
    ];
    for (const [primaryKey, tagged] of keys) {
      await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey, attributeColumns: [{ v: 'x' }] });
      const { row } = await t.client.getRow({ tableName: name, primaryKey });
      expect(pkList(row.primaryKey)).toEqual(tagged);
      expect(latest(row)).toEqual({ v: S('x') });
    }
  });

  it('keeps DOUBLE and INTEGER apart: 7 and Long(7) are different values', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'dblint' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'a' }],
      attributeColumns: [{ d: 7 }, { i: long(7) }],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }] });
    expect(latest(row)).toEqual({ d: D(7), i: I(7) });
  });
});

describe('GetRow', () => {
  it('returns an empty row for a key that was never written', async () => {
    const name = await createTable(t.client, {
      pk: [
        ['id', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'missing',
    });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'a' }, { n: long(1) }],
      attributeColumns: [{ v: 'x' }],
    });
    const res = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }, { n: long(2) }] });
    expect(res.row).toEqual({});
    expect(res.consumed).toBeTruthy();
  });

  it('returns an empty row after DeleteRow', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'deleted' });
    const primaryKey = [{ id: 'a' }];
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey, attributeColumns: [{ v: 'x' }] });
    await t.client.deleteRow({ tableName: name, condition: cond.ignore(), primaryKey });
    expect((await t.client.getRow({ tableName: name, primaryKey })).row).toEqual({});
  });

  it('columnsToGet returns just those columns, with the primary key', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'ctg' });
    const primaryKey = [{ id: 'a' }];
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey,
      attributeColumns: [{ a: 'A' }, { b: long(2) }, { c: true }, { d: 4.5 }],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey, columnsToGet: ['c', 'a'] });
    expect(pkList(row.primaryKey)).toEqual([['id', S('a')]]);
    expect(latest(row)).toEqual({ a: S('A'), c: BOOL(true) });

    const partly = await t.client.getRow({ tableName: name, primaryKey, columnsToGet: ['b', 'nope'] });
    expect(latest(partly.row)).toEqual({ b: I(2) });
  });

  it('columnsToGet naming only absent columns returns no row', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'ctgnone' });
    const primaryKey = [{ id: 'a' }];
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey, attributeColumns: [{ a: 'A' }] });
    const { row } = await t.client.getRow({ tableName: name, primaryKey, columnsToGet: ['blah'] });
    expect(row).toEqual({});
  });
});

describe('PutRow', () => {
  it('replaces the whole row: columns not in the new put are gone', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'replace' });
    const primaryKey = [{ id: 'a' }];
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey, attributeColumns: [{ a: 'A' }, { b: 'B' }] });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey, attributeColumns: [{ c: 'C' }] });
    const { row } = await t.client.getRow({ tableName: name, primaryKey, maxVersions: 10 });
    expect(columnNames(row)).toEqual(['c']);
    expect(latest(row)).toEqual({ c: S('C') });
  });

  it('with ReturnType Primarykey returns the written primary key', async () => {
    const name = await createTable(t.client, {
      pk: [
        ['id', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'retpk',
    });
    const res = await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'k' }, { n: long(7) }],
      attributeColumns: [{ v: 'x' }],
      returnContent: { returnType: 1 },
    });
    expect(pkList(res.row.primaryKey)).toEqual([
      ['id', S('k')],
      ['n', I(7)],
    ]);
  });

  it('without a return type returns no row', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'retnone' });
    const res = await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'k' }],
      attributeColumns: [{ v: 'x' }],
    });
    expect(res.row).toEqual({});
    expect(res.consumed).toBeTruthy();
  });
});
