/**
 * Conditional writes: row existence expectations and column conditions. A failed condition is
 * 403 OTSConditionCheckFail "Condition check failed." and leaves the row as it was.
 */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import type { CellValue, ColumnCondition, Condition, TableStoreModule } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { I, S, composite, cond, latest, long, single, type Tagged } from './support/values.js';

const t = useTarget();
type Comparator = keyof TableStoreModule['ComparatorType'];
const pk = [{ id: 'r' }];

async function readRow(name: string): Promise<Record<string, Tagged>> {
  return latest((await t.client.getRow({ tableName: name, primaryKey: pk })).row);
}
async function expectConditionFail(p: Promise<unknown>): Promise<void> {
  const f = await expectOtsError(p, 'OTSConditionCheckFail', 403);
  expect(f.text).toContain('Condition check failed.');
}

type Op = 'put' | 'update' | 'delete';
function write(op: Op, name: string, condition: Condition, marker: string): Promise<unknown> {
  switch (op) {
    case 'put':
      return t.client.putRow({ tableName: name, condition, primaryKey: pk, attributeColumns: [{ v: marker }] });
    case 'update':
      return t.client.updateRow({
        tableName: name,
        condition,
        primaryKey: pk,
        updateOfAttributeColumns: [{ PUT: [{ v: marker }] }],
      });
    case 'delete':
      return t.client.deleteRow({ tableName: name, condition, primaryKey: pk });
  }
}

describe('row existence', () => {
  it.each(['put', 'update', 'delete'] as const)('%s with EXPECT_EXIST on a missing row fails and creates nothing', async (op) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: `exist_${op}` });
    await expectConditionFail(write(op, name, cond.exist(), 'new'));
    expect((await t.client.getRow({ tableName: name, primaryKey: pk })).row).toEqual({});
  });

  it.each(['put', 'update', 'delete'] as const)('%s with EXPECT_EXIST on an existing row succeeds', async (op) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: `existok_${op}` });
    await write('put', name, cond.ignore(), 'old');
    await write(op, name, cond.exist(), 'new');
    expect(await readRow(name)).toEqual(op === 'delete' ? {} : { v: S('new') });
  });

  it.each(['put', 'update'] as const)('%s with EXPECT_NOT_EXIST on an existing row fails and leaves it', async (op) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: `notexist_${op}` });
    await write('put', name, cond.ignore(), 'old');
    await expectConditionFail(write(op, name, cond.notExist(), 'new'));
    expect(await readRow(name)).toEqual({ v: S('old') });
  });

  it.each(['put', 'update'] as const)('%s with EXPECT_NOT_EXIST on a missing row succeeds', async (op) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: `notexistok_${op}` });
    await write(op, name, cond.notExist(), 'new');
    expect(await readRow(name)).toEqual({ v: S('new') });
  });

  it('a second EXPECT_NOT_EXIST put of the same row fails', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'notexist2' });
    await write('put', name, cond.notExist(), 'first');
    await expectConditionFail(write('put', name, cond.notExist(), 'second'));
    expect(await readRow(name)).toEqual({ v: S('first') });
  });

  it.each(['put', 'update', 'delete'] as const)('%s with IGNORE succeeds whether or not the row exists', async (op) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: `ignore_${op}` });
    await write(op, name, cond.ignore(), 'one');
    await write(op, name, cond.ignore(), 'two');
    expect(await readRow(name)).toEqual(op === 'delete' ? {} : { v: S('two') });
  });
});

describe('single column conditions', () => {
  // Row: n = 10 (INTEGER), s = 'm' (STRING).
  const cases: Array<[Comparator, string, CellValue, boolean]> = [
    ['EQUAL', 'n', long(10), true],
    ['EQUAL', 'n', long(11), false],
    ['NOT_EQUAL', 'n', long(11), true],
    ['NOT_EQUAL', 'n', long(10), false],
    ['GREATER_THAN', 'n', long(9), true],
    ['GREATER_THAN', 'n', long(10), false],
    ['GREATER_EQUAL', 'n', long(10), true],
    ['GREATER_EQUAL', 'n', long(11), false],
    ['LESS_THAN', 'n', long(11), true],
    ['LESS_THAN', 'n', long(10), false],
    ['LESS_EQUAL', 'n', long(10), true],
    ['LESS_EQUAL', 'n', long(9), false],
    ['GREATER_THAN', 'n', long(-100), true],
    ['LESS_THAN', 'n', long('9223372036854775807'), true],
    ['EQUAL', 's', 'm', true],
    ['GREATER_THAN', 's', 'a', true],
    ['GREATER_THAN', 's', 'ma', false],
    ['LESS_THAN', 's', 'n', true],
    ['LESS_THAN', 's', 'M', false],
  ];
  it.each(cases)('%s on %s against %s passes: %s', async (comparator, column, value, passes) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'single' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ n: long(10) }, { s: 'm' }],
    });
    const condition = cond.ignore(single(column, comparator, value));
    const attempt = t.client.updateRow({
      tableName: name,
      condition,
      primaryKey: pk,
      updateOfAttributeColumns: [{ PUT: [{ w: 'written' }] }],
    });
    if (passes) {
      await attempt;
      expect(await readRow(name)).toEqual({ n: I(10), s: S('m'), w: S('written') });
    } else {
      await expectConditionFail(attempt);
      expect(await readRow(name)).toEqual({ n: I(10), s: S('m') });
    }
  });

  it('applies to PutRow and DeleteRow as well as UpdateRow', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'singleops' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ n: long(1) }] });
    await expectConditionFail(
      t.client.putRow({
        tableName: name,
        condition: cond.exist(single('n', 'EQUAL', long(2))),
        primaryKey: pk,
        attributeColumns: [{ n: long(9) }],
      }),
    );
    await expectConditionFail(
      t.client.deleteRow({ tableName: name, condition: cond.exist(single('n', 'EQUAL', long(2))), primaryKey: pk }),
    );
    expect(await readRow(name)).toEqual({ n: I(1) });
    await t.client.putRow({
      tableName: name,
      condition: cond.exist(single('n', 'EQUAL', long(1))),
      primaryKey: pk,
      attributeColumns: [{ n: long(2) }],
    });
    expect(await readRow(name)).toEqual({ n: I(2) });
    await t.client.deleteRow({ tableName: name, condition: cond.exist(single('n', 'EQUAL', long(2))), primaryKey: pk });
    expect(await readRow(name)).toEqual({});
  });

  it('passIfMissing decides a condition on an absent column', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'missingcol' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ n: long(0) }] });
    const upd = (cc: ColumnCondition, v: string): Promise<unknown> =>
      t.client.updateRow({
        tableName: name,
        condition: cond.ignore(cc),
        primaryKey: pk,
        updateOfAttributeColumns: [{ PUT: [{ w: v }] }],
      });
    await expectConditionFail(upd(single('addr', 'EQUAL', 'china', false), 'strict'));
    expect(await readRow(name)).toEqual({ n: I(0) });
    await upd(single('addr', 'EQUAL', 'china', true), 'lenient');
    expect(await readRow(name)).toEqual({ n: I(0), w: S('lenient') });
  });

  it('a column condition on a missing row with IGNORE behaves like an absent column', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'missingrow' });
    await expectConditionFail(
      t.client.putRow({
        tableName: name,
        condition: cond.ignore(single('n', 'EQUAL', long(1), false)),
        primaryKey: pk,
        attributeColumns: [{ v: 'x' }],
      }),
    );
    expect(await readRow(name)).toEqual({});
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(single('n', 'EQUAL', long(1), true)),
      primaryKey: pk,
      attributeColumns: [{ v: 'x' }],
    });
    expect(await readRow(name)).toEqual({ v: S('x') });
  });
});

describe('composite conditions', () => {
  // Row: index = 0 (INTEGER), addr = 'china'.
  const eq = (c: string, v: CellValue): ColumnCondition => single(c, 'EQUAL', v);
  const ne = (c: string, v: CellValue): ColumnCondition => single(c, 'NOT_EQUAL', v);
  const cases: Array<[string, () => ColumnCondition, boolean]> = [
    ['index == 0 AND addr == china', () => composite('AND', eq('index', long(0)), eq('addr', 'china')), true],
    ['index == 0 AND addr != china', () => composite('AND', eq('index', long(0)), ne('addr', 'china')), false],
    ['index != 0 OR addr != china', () => composite('OR', ne('index', long(0)), ne('addr', 'china')), false],
    ['index == 0 OR addr != china', () => composite('OR', eq('index', long(0)), ne('addr', 'china')), true],
    [
      'NOT (index == 0 AND addr == china)',
      () => composite('NOT', composite('AND', eq('index', long(0)), eq('addr', 'china'))),
      false,
    ],
    [
      'NOT (index != 0 AND addr == china)',
      () => composite('NOT', composite('AND', ne('index', long(0)), eq('addr', 'china'))),
      true,
    ],
    ['NOT index == 1', () => composite('NOT', eq('index', long(1))), true],
    [
      '(index == 1 OR addr == china) AND NOT addr == usa',
      () => composite('AND', composite('OR', eq('index', long(1)), eq('addr', 'china')), composite('NOT', eq('addr', 'usa'))),
      true,
    ],
  ];
  it.each(cases)('%s passes: %s', async (_label, build, passes) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'composite' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ index: long(0) }, { addr: 'china' }],
    });
    const attempt = t.client.updateRow({
      tableName: name,
      condition: cond.ignore(build()),
      primaryKey: pk,
      updateOfAttributeColumns: [{ PUT: [{ w: 'written' }] }],
    });
    if (passes) {
      await attempt;
      expect((await readRow(name)).w).toEqual(S('written'));
    } else {
      await expectConditionFail(attempt);
      expect(await readRow(name)).toEqual({ index: I(0), addr: S('china') });
    }
  });

  it('combines with the row existence check: both must hold', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'combo' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ index: long(0) }] });
    await expectConditionFail(
      t.client.putRow({
        tableName: name,
        condition: cond.notExist(single('index', 'EQUAL', long(0))),
        primaryKey: pk,
        attributeColumns: [{ v: 'x' }],
      }),
    );
    await expectConditionFail(
      t.client.putRow({
        tableName: name,
        condition: cond.exist(single('index', 'EQUAL', long(5))),
        primaryKey: pk,
        attributeColumns: [{ v: 'x' }],
      }),
    );
    expect(await readRow(name)).toEqual({ index: I(0) });
  });
});
