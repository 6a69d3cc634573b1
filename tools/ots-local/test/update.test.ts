/** UpdateRow (PUT, DELETE_ALL, INCREMENT, return content) and DeleteRow. */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import type { UpdateOp } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { D, I, S, big, cond, latest, long, pkList } from './support/values.js';

const t = useTarget();
const pk = [{ id: 'r' }];

async function update(tableName: string, ops: UpdateOp[]): Promise<void> {
  await t.client.updateRow({ tableName, condition: cond.ignore(), primaryKey: pk, updateOfAttributeColumns: ops });
}
async function read(tableName: string): Promise<Record<string, ReturnType<typeof S>>> {
  return latest((await t.client.getRow({ tableName, primaryKey: pk })).row);
}

describe('UpdateRow', () => {
  it('creates a missing row', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'upcreate' });
    await update(name, [{ PUT: [{ a: 'A' }, { n: long(3) }] }]);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(pkList(row.primaryKey)).toEqual([['id', S('r')]]);
    expect(latest(row)).toEqual({ a: S('A'), n: I(3) });
  });

  it('PUT changes the named columns and leaves the others', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'upput' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ a: 'A' }, { b: 'B' }],
    });
    await update(name, [{ PUT: [{ b: 'B2' }, { c: 1.5 }] }]);
    expect(await read(name)).toEqual({ a: S('A'), b: S('B2'), c: D(1.5) });
  });

  it('PUT, DELETE_ALL and INCREMENT of different columns apply together', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'upmix' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ a: 'A' }, { b: 'B' }, { n: long(10) }],
    });
    await update(name, [{ PUT: [{ c: 'C' }] }, { DELETE_ALL: ['b'] }, { INCREMENT: [{ n: long(5) }] }]);
    expect(await read(name)).toEqual({ a: S('A'), c: S('C'), n: I(15) });
  });

  it('a delete-only update of a missing row succeeds and creates nothing', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'updelmiss' });
    await update(name, [{ DELETE_ALL: ['Col0'] }]);
    expect((await t.client.getRow({ tableName: name, primaryKey: pk })).row).toEqual({});
  });

  it('with ReturnType Primarykey returns the primary key', async () => {
    const name = await createTable(t.client, {
      pk: [
        ['id', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'upretpk',
    });
    const res = await t.client.updateRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'k' }, { n: long(-3) }],
      updateOfAttributeColumns: [{ PUT: [{ v: 'x' }] }],
      returnContent: { returnType: 1 },
    });
    expect(pkList(res.row.primaryKey)).toEqual([
      ['id', S('k')],
      ['n', I(-3)],
    ]);
  });
});

describe('INCREMENT', () => {
  it('starts a missing column at 0, then adds positive and negative deltas', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'inc' });
    await update(name, [{ INCREMENT: [{ n: long(5) }] }]);
    expect(await read(name)).toEqual({ n: I(5) });
    await update(name, [{ INCREMENT: [{ n: long(-8) }] }]);
    expect(await read(name)).toEqual({ n: I(-3) });
    await update(name, [{ INCREMENT: [{ n: long('9007199254740993') }] }]);
    expect(await read(name)).toEqual({ n: I('9007199254740990') });
  });

  it('creates the row when it is missing', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incnew' });
    await update(name, [{ INCREMENT: [{ hits: long(1) }] }]);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(pkList(row.primaryKey)).toEqual([['id', S('r')]]);
    expect(latest(row)).toEqual({ hits: I(1) });
  });

  it('with ReturnType AfterModify returns the new value of the incremented column', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incret' });
    const inc = (delta: number): Promise<{ row: { attributes?: Array<{ columnName: string; columnValue: unknown }> } }> =>
      t.client.updateRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: pk,
        updateOfAttributeColumns: [{ INCREMENT: [{ cnt: long(delta) }] }],
        returnContent: { returnType: 2, returnColumns: ['cnt'] },
      });
    for (const [delta, expected] of [
      [3, 3n],
      [3, 6n],
      [-10, -4n],
    ] as const) {
      const res = await inc(delta);
      const cells = (res.row.attributes ?? []).filter((a) => a.columnName === 'cnt');
      expect(cells, `AfterModify row after +${delta}`).toHaveLength(1);
      expect(big(cells[0]?.columnValue)).toBe(expected);
    }
  });

  it('on a STRING column fails with OTSParameterInvalid and leaves the row unchanged', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incstr' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ n: 'text' }, { m: long(1) }],
    });
    await expectOtsError(
      t.client.updateRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: pk,
        updateOfAttributeColumns: [{ INCREMENT: [{ n: long(1) }] }, { INCREMENT: [{ m: long(1) }] }],
      }),
      'OTSParameterInvalid',
      400,
    );
    expect(await read(name)).toEqual({ n: S('text'), m: I(1) });
  });

  it('on a DOUBLE column fails with OTSParameterInvalid', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incdbl' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ n: 1.5 }] });
    await expectOtsError(update(name, [{ INCREMENT: [{ n: long(1) }] }]), 'OTSParameterInvalid', 400);
    expect(await read(name)).toEqual({ n: D(1.5) });
  });

  it('past INT64_MAX fails with OTSParameterInvalid and leaves the value', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incovf' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ n: long('9223372036854775807') }, { m: long('-9223372036854775808') }],
    });
    await expectOtsError(update(name, [{ INCREMENT: [{ n: long(1) }] }]), 'OTSParameterInvalid', 400);
    await expectOtsError(update(name, [{ INCREMENT: [{ m: long(-1) }] }]), 'OTSParameterInvalid', 400);
    expect(await read(name)).toEqual({ n: I('9223372036854775807'), m: I('-9223372036854775808') });
  });

  it('a column cannot be incremented and put in the same request', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'incput' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ n: long(1) }] });
    await expectOtsError(
      update(name, [{ INCREMENT: [{ n: long(1) }] }, { PUT: [{ n: long(100) }] }]),
      'OTSParameterInvalid',
      400,
    );
    expect(await read(name)).toEqual({ n: I(1) });
  });
});

describe('DeleteRow', () => {
  it('with IGNORE on a missing row succeeds', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'delmiss' });
    const res = await t.client.deleteRow({ tableName: name, condition: cond.ignore(), primaryKey: [{ id: 'never' }] });
    expect(res.consumed).toBeTruthy();
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'never' }] })).row).toEqual({});
  });

  it('removes every column and version, and only that row', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 3, tag: 'delrow' });
    for (const id of ['a', 'b']) {
      await t.client.putRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: [{ id }],
        attributeColumns: [{ x: 'X' }, { y: long(1) }],
      });
    }
    await t.client.updateRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'a' }],
      updateOfAttributeColumns: [{ PUT: [{ x: 'X2' }] }],
    });
    await t.client.deleteRow({ tableName: name, condition: cond.ignore(), primaryKey: [{ id: 'a' }] });
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }], maxVersions: 3 })).row).toEqual({});
    expect(latest((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'b' }] })).row)).toEqual({ x: S('X'), y: I(1) });
  });
});
