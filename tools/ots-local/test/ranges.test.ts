/** GetRange: bounds, direction, key ordering, limit, columnsToGet, invalid ranges. */
import { describe, expect, it } from 'vitest';
import { bulkPut, bulkRow, scanAll } from './support/bulk.js';
import { expectOtsError } from './support/errors.js';
import type { FullRow, PkValue, PrimaryKeyInput } from './support/sdk.js';
import { createTable, INF_MAX, INF_MIN } from './support/tables.js';
import { useTarget } from './support/target.js';
import { B, I, S, columnNames, latest, long, pkList, type Tagged } from './support/values.js';

const t = useTarget();

const A_VALUES = ['a', 'b', 'c'];
const B_VALUES = [-3, 0, 2, 10];

/** 12 rows over PK (a STRING, b INTEGER); attributes x = "a/b", y = b. */
async function seedGrid(): Promise<string> {
  const name = await createTable(t.client, {
    pk: [
      ['a', 'STRING'],
      ['b', 'INTEGER'],
    ],
    tag: 'grid',
  });
  await bulkPut(
    t.client,
    name,
    A_VALUES.flatMap((a) => B_VALUES.map((b) => bulkRow([{ a }, { b: long(b) }], [{ x: `${a}/${b}` }, { y: long(b) }]))),
  );
  return name;
}

const key = (r: FullRow): string => `${String(r.primaryKey[0]?.value)}/${r.primaryKey[1]?.value.toString()}`;
const pkOf = (a: PkValue, b: PkValue): PrimaryKeyInput => [{ a }, { b }];

async function range(
  name: string,
  direction: 'FORWARD' | 'BACKWARD',
  start: PrimaryKeyInput,
  end: PrimaryKeyInput,
  extra: { limit?: number; columnsToGet?: string[] } = {},
): Promise<{ keys: string[]; rows: FullRow[]; next: string | null }> {
  const res = await t.client.getRange({
    tableName: name,
    direction,
    inclusiveStartPrimaryKey: start,
    exclusiveEndPrimaryKey: end,
    ...extra,
  });
  return {
    keys: res.rows.map(key),
    rows: res.rows,
    next: res.nextStartPrimaryKey ? res.nextStartPrimaryKey.map((c) => c.value.toString()).join('/') : null,
  };
}

const ALL_FORWARD = A_VALUES.flatMap((a) => B_VALUES.map((b) => `${a}/${b}`));

describe('bounds and direction', () => {
  it('FORWARD from INF_MIN to INF_MAX returns every row in key order (signed integers)', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf(INF_MIN, INF_MIN), pkOf(INF_MAX, INF_MAX));
    expect(r.keys).toEqual(ALL_FORWARD);
    expect(r.next).toBeNull();
    expect(latest(r.rows[0]!)).toEqual({ x: S('a/-3'), y: I(-3) });
  });

  it('BACKWARD from INF_MAX to INF_MIN returns every row in reverse', async () => {
    const name = await seedGrid();
    const r = await range(name, 'BACKWARD', pkOf(INF_MAX, INF_MAX), pkOf(INF_MIN, INF_MIN));
    expect(r.keys).toEqual([...ALL_FORWARD].reverse());
    expect(r.next).toBeNull();
  });

  it('one partition key: [b, INF_MIN] to [b, INF_MAX]', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf('b', INF_MIN), pkOf('b', INF_MAX));
    expect(r.keys).toEqual(['b/-3', 'b/0', 'b/2', 'b/10']);
  });

  it('concrete bounds: start inclusive, end exclusive', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf('a', long(0)), pkOf('c', long(0)));
    expect(r.keys).toEqual(['a/0', 'a/2', 'a/10', 'b/-3', 'b/0', 'b/2', 'b/10', 'c/-3']);
  });

  it('BACKWARD with concrete bounds: start inclusive, end exclusive', async () => {
    const name = await seedGrid();
    const r = await range(name, 'BACKWARD', pkOf('c', long(0)), pkOf('a', long(0)));
    expect(r.keys).toEqual(['c/0', 'c/-3', 'b/10', 'b/2', 'b/0', 'b/-3', 'a/10', 'a/2']);
  });

  it('mixed bounds: [a, INF_MAX] to [c, INF_MIN] is exactly the b rows', async () => {
    const name = await seedGrid();
    expect((await range(name, 'FORWARD', pkOf('a', INF_MAX), pkOf('c', INF_MIN))).keys).toEqual(['b/-3', 'b/0', 'b/2', 'b/10']);
    expect((await range(name, 'BACKWARD', pkOf('c', INF_MIN), pkOf('a', INF_MAX))).keys).toEqual(['b/10', 'b/2', 'b/0', 'b/-3']);
  });

  it('an empty range returns no rows and no next key', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf('a', INF_MAX), pkOf('b', INF_MIN));
    expect(r.keys).toEqual([]);
    expect(r.next).toBeNull();
  });

  it('FORWARD with start after end is rejected', async () => {
    const name = await seedGrid();
    const f = await expectOtsError(range(name, 'FORWARD', pkOf('b', long(0)), pkOf('a', long(0))), 'OTSParameterInvalid', 400);
    // Service wording: "Begin key must less than end key in FORWARD".
    expect(f.text).toMatch(/begin key .*less than end key/i);
  });

  it('BACKWARD with start before end is rejected', async () => {
    const name = await seedGrid();
    const f = await expectOtsError(range(name, 'BACKWARD', pkOf('a', long(0)), pkOf('b', long(0))), 'OTSParameterInvalid', 400);
    // Service wording: "Begin key must more than end key in BACKWARD".
    expect(f.text).toMatch(/begin key .*(more|greater) than end key/i);
  });

  it('start equal to end is rejected', async () => {
    const name = await seedGrid();
    await expectOtsError(range(name, 'FORWARD', pkOf('a', long(2)), pkOf('a', long(2))), 'OTSParameterInvalid', 400);
  });
});

describe('limit and columnsToGet', () => {
  it('limit returns that many rows and the next start key', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf(INF_MIN, INF_MIN), pkOf(INF_MAX, INF_MAX), { limit: 5 });
    expect(r.keys).toEqual(ALL_FORWARD.slice(0, 5));
    expect(r.next).toBe('b/0');
    const back = await range(name, 'BACKWARD', pkOf(INF_MAX, INF_MAX), pkOf(INF_MIN, INF_MIN), { limit: 3 });
    expect(back.keys).toEqual(['c/10', 'c/2', 'c/0']);
    expect(back.next).toBe('c/-3');
  });

  it('a negative limit is rejected', async () => {
    const name = await seedGrid();
    const f = await expectOtsError(
      range(name, 'FORWARD', pkOf(INF_MIN, INF_MIN), pkOf(INF_MAX, INF_MAX), { limit: -1 }),
      'OTSParameterInvalid',
      400,
    );
    expect(f.text).toMatch(/limit/i);
  });

  it('columnsToGet returns only those columns', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf('a', INF_MIN), pkOf('a', INF_MAX), { columnsToGet: ['y'] });
    expect(r.keys).toEqual(['a/-3', 'a/0', 'a/2', 'a/10']);
    for (const row of r.rows) expect(columnNames(row)).toEqual(['y']);
  });

  it('columnsToGet naming only absent columns returns no rows', async () => {
    const name = await seedGrid();
    const r = await range(name, 'FORWARD', pkOf(INF_MIN, INF_MIN), pkOf(INF_MAX, INF_MAX), { columnsToGet: ['blah'] });
    expect(r.keys).toEqual([]);
  });
});

describe('key ordering', () => {
  async function orderOf(type: 'STRING' | 'INTEGER' | 'BINARY', values: PkValue[]): Promise<Array<[string, Tagged]>[]> {
    const name = await createTable(t.client, { pk: [['k', type]], tag: `order_${type}` });
    await bulkPut(
      t.client,
      name,
      values.map((k, i) => ({ primaryKey: [{ k }], attributeColumns: [{ i: long(i) }] })),
    );
    const pages = await scanAll(t.client, {
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ k: INF_MIN }],
      exclusiveEndPrimaryKey: [{ k: INF_MAX }],
    });
    return pages.flatMap((p) => p.rows.map((r) => pkList(r.primaryKey)));
  }

  it('STRING keys sort by UTF-8 bytes (not UTF-16 code units), shorter prefix first', async () => {
    // U+FF61 is EF BD A1 in UTF-8 but sorts after the surrogate pair of U+1F389 in UTF-16.
    const sorted = ['B', 'a', 'aa', 'ab', 'b', 'é', '中', '\uff61', '🎉'];
    const shuffled = [
      sorted[4],
      sorted[8],
      sorted[0],
      sorted[7],
      sorted[2],
      sorted[6],
      sorted[1],
      sorted[5],
      sorted[3],
    ] as string[];
    expect(await orderOf('STRING', shuffled)).toEqual(sorted.map((s) => [['k', S(s)]]));
  });

  it('INTEGER keys sort as signed 64-bit numbers', async () => {
    const sorted = ['-9223372036854775808', '-4294967296', '-1', '0', '1', '255', '256', '4294967296', '9223372036854775807'];
    const shuffled = [
      sorted[3],
      sorted[8],
      sorted[2],
      sorted[0],
      sorted[6],
      sorted[5],
      sorted[7],
      sorted[1],
      sorted[4],
    ] as string[];
    expect(
      await orderOf(
        'INTEGER',
        shuffled.map((v) => long(v)),
      ),
    ).toEqual(sorted.map((v) => [['k', I(v)]]));
  });

  it('BINARY keys sort by unsigned bytes, shorter prefix first', async () => {
    const sorted = [[0x00], [0x00, 0x00], [0x00, 0x01], [0x01], [0x7f], [0x80], [0xff], [0xff, 0x00]];
    const shuffled = [sorted[5], sorted[0], sorted[7], sorted[3], sorted[1], sorted[6], sorted[4], sorted[2]] as number[][];
    expect(
      await orderOf(
        'BINARY',
        shuffled.map((b) => Buffer.from(b)),
      ),
    ).toEqual(sorted.map((b) => [['k', B(b)]]));
  });
});
