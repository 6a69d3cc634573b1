/** Table operations: CreateTable, ListTable, DescribeTable, UpdateTable, DeleteTable. */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import { TableStore, type CreateTableParams, type DescribeTableResponse, type PbInt64 } from './support/sdk.js';
import { createParams, createTable, deleteAfterTest, uniqueTableName, type TableSpec } from './support/tables.js';
import { isReal, useTarget } from './support/target.js';
import { cond, long } from './support/values.js';

const t = useTarget();
const { PrimaryKeyType: PKT, DefinedColumnType: DCT } = TableStore;

const num = (v: PbInt64 | undefined): number => Number(String(v));
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function schemaOf(d: DescribeTableResponse): Array<{ name: string; type: number; autoIncrement: boolean }> {
  return d.tableMeta.primaryKey.map((p) => ({
    name: p.name,
    type: p.type,
    // protobufjs puts enum defaults on the prototype: only an own `option` was on the wire.
    autoIncrement: hasOwn(p, 'option') && p.option === 1,
  }));
}

/** Creates with raw params, registering cleanup in case the server wrongly accepts them. */
async function tryCreate(params: CreateTableParams): Promise<unknown> {
  deleteAfterTest(t.client, params.tableMeta.tableName);
  return t.client.createTable(params);
}

async function expectNotListed(name: string): Promise<void> {
  const { tableNames } = await t.client.listTable({});
  expect(tableNames).not.toContain(name);
}

describe('CreateTable and DescribeTable', () => {
  it('creates a one-column table and describes it back', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'one' });
    const d = await t.client.describeTable({ tableName: name });
    expect(d.tableMeta.tableName).toBe(name);
    expect(schemaOf(d)).toEqual([{ name: 'id', type: PKT.STRING, autoIncrement: false }]);
    expect(d.tableOptions.timeToLive).toBe(-1);
    expect(d.tableOptions.maxVersions).toBe(1);
    expect(d.tableStatus, 'table_status ACTIVE').toBe(1);
    expect(d.reservedThroughputDetails.capacityUnit.read ?? 0).toBe(0);
    expect(d.reservedThroughputDetails.capacityUnit.write ?? 0).toBe(0);
    const lastIncrease = num(d.reservedThroughputDetails.lastIncreaseTime);
    expect(Number.isFinite(lastIncrease) && lastIncrease >= 0).toBe(true);
  });

  it.each([1, 2, 3, 4])('creates and describes a table with %i primary key columns', async (n) => {
    const types = ['STRING', 'INTEGER', 'BINARY', 'STRING'] as const;
    const pk = types.slice(0, n).map((type, i) => ({ name: `pk${i}`, type }));
    const name = await createTable(t.client, { pk, tag: `pk${n}` });
    const d = await t.client.describeTable({ tableName: name });
    expect(schemaOf(d)).toEqual(pk.map((p) => ({ name: p.name, type: PKT[p.type], autoIncrement: false })));
  });

  it('echoes an auto-increment column, defined columns, TTL, max versions and time deviation', async () => {
    const spec: TableSpec = {
      pk: [
        { name: 'shard', type: 'STRING' },
        { name: 'num', type: 'INTEGER' },
        { name: 'blob', type: 'BINARY' },
        { name: 'seq', type: 'INTEGER', autoIncrement: true },
      ],
      definedColumns: [
        { name: 'c_int', type: DCT.DCT_INTEGER },
        { name: 'c_double', type: DCT.DCT_DOUBLE },
        { name: 'c_bool', type: DCT.DCT_BOOLEAN },
        { name: 'c_str', type: DCT.DCT_STRING },
      ],
      ttl: 2 * 86400,
      maxVersions: 3,
      maxTimeDeviation: 5 * 86400,
      tag: 'full',
    };
    const name = await createTable(t.client, spec);
    const d = await t.client.describeTable({ tableName: name });
    expect(schemaOf(d)).toEqual([
      { name: 'shard', type: PKT.STRING, autoIncrement: false },
      { name: 'num', type: PKT.INTEGER, autoIncrement: false },
      { name: 'blob', type: PKT.BINARY, autoIncrement: false },
      { name: 'seq', type: PKT.INTEGER, autoIncrement: true },
    ]);
    expect(d.tableMeta.definedColumn.map((c) => ({ name: c.name, type: c.type }))).toEqual(spec.definedColumns);
    expect(d.tableOptions.timeToLive).toBe(2 * 86400);
    expect(d.tableOptions.maxVersions).toBe(3);
    expect(num(d.tableOptions.deviationCellVersionInSec)).toBe(5 * 86400);
  });

  // Capacity-mode instances refuse reserved CUs ("Can not reserve read capacity unit on capacity"),
  // so this runs locally only.
  it.skipIf(isReal)('echoes non-zero reserved throughput', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], reserved: { read: 1, write: 2 }, tag: 'reserved' });
    const d = await t.client.describeTable({ tableName: name });
    expect(d.reservedThroughputDetails.capacityUnit).toMatchObject({ read: 1, write: 2 });
    expect(num(d.reservedThroughputDetails.lastIncreaseTime)).toBeGreaterThan(0);
  });

  it('rejects a second table with the same name (409 OTSObjectAlreadyExist) and keeps the first', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'twice' });
    const f = await expectOtsError(
      t.client.createTable(
        createParams(name, {
          pk: [
            ['other', 'INTEGER'],
            ['x', 'STRING'],
          ],
        }),
      ),
      'OTSObjectAlreadyExist',
      409,
    );
    expect(f.text).toContain('Requested table already exists.');
    const d = await t.client.describeTable({ tableName: name });
    expect(schemaOf(d)).toEqual([{ name: 'id', type: PKT.STRING, autoIncrement: false }]);
    const { tableNames } = await t.client.listTable({});
    expect(tableNames.filter((n) => n === name)).toHaveLength(1);
  });

  it('accepts a 255-character name and one starting with an underscore', async () => {
    for (const name of [`A${'b'.repeat(254)}`, `_${uniqueTableName('under')}`]) {
      expect(name.length).toBeLessThanOrEqual(255);
      await tryCreate(createParams(name, { pk: [['id', 'STRING']] }));
      const d = await t.client.describeTable({ tableName: name });
      expect(d.tableMeta.tableName).toBe(name);
      await t.client.deleteTable({ tableName: name });
    }
  });
});

describe('invalid table definitions', () => {
  const badNames = ['1starts_with_digit', 'has-dash', 'has space', 'dot.name', 'ünïcode', '', 'x'.repeat(256)];
  it.each(badNames.map((n) => [JSON.stringify(n.length > 20 ? `${n.slice(0, 8)}…(${n.length})` : n), n]))(
    'rejects table name %s with 400 OTSParameterInvalid',
    async (_label, name) => {
      const f = await expectOtsError(tryCreate(createParams(name, { pk: [['id', 'STRING']] })), 'OTSParameterInvalid', 400);
      expect(f.text).toMatch(/table name/i);
      if (name !== '') await expectNotListed(name);
    },
  );

  it('rejects zero primary key columns', async () => {
    const name = uniqueTableName('pk0');
    const f = await expectOtsError(tryCreate(createParams(name, { pk: [] })), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/primary key/i);
    await expectNotListed(name);
  });

  it('rejects five primary key columns', async () => {
    const name = uniqueTableName('pk5');
    const pk = [0, 1, 2, 3, 4].map((i) => ({ name: `pk${i}`, type: 'STRING' as const }));
    const f = await expectOtsError(tryCreate(createParams(name, { pk })), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/primary key/i);
    await expectNotListed(name);
  });

  it('rejects duplicated primary key names', async () => {
    const name = uniqueTableName('dup');
    const f = await expectOtsError(
      tryCreate(
        createParams(name, {
          pk: [
            ['PK0', 'STRING'],
            ['PK0', 'INTEGER'],
          ],
        }),
      ),
      'OTSParameterInvalid',
      400,
    );
    expect(f.text).toMatch(/duplicat/i);
    await expectNotListed(name);
  });

  it('rejects an auto-increment first (partition) key', async () => {
    const name = uniqueTableName('autofirst');
    await expectOtsError(
      tryCreate(
        createParams(name, {
          pk: [
            { name: 'id', type: 'INTEGER', autoIncrement: true },
            { name: 'x', type: 'STRING' },
          ],
        }),
      ),
      'OTSParameterInvalid',
      400,
    );
    await expectNotListed(name);
  });

  it('rejects an auto-increment STRING key', async () => {
    const name = uniqueTableName('autostr');
    await expectOtsError(
      tryCreate(
        createParams(name, {
          pk: [
            { name: 'p', type: 'STRING' },
            { name: 's', type: 'STRING', autoIncrement: true },
          ],
        }),
      ),
      'OTSParameterInvalid',
      400,
    );
    await expectNotListed(name);
  });

  it('rejects two auto-increment keys', async () => {
    const name = uniqueTableName('auto2');
    await expectOtsError(
      tryCreate(
        createParams(name, {
          pk: [
            { name: 'p', type: 'STRING' },
            { name: 'a', type: 'INTEGER', autoIncrement: true },
            { name: 'b', type: 'INTEGER', autoIncrement: true },
          ],
        }),
      ),
      'OTSParameterInvalid',
      400,
    );
    await expectNotListed(name);
  });

  it.each([0, -2])('rejects time_to_live %i', async (ttl) => {
    const name = uniqueTableName('ttl');
    await expectOtsError(tryCreate(createParams(name, { pk: [['id', 'STRING']], ttl })), 'OTSParameterInvalid', 400);
    await expectNotListed(name);
  });

  it('rejects a time_to_live below one day (86400 s)', async () => {
    const name = uniqueTableName('ttlday');
    await expectOtsError(tryCreate(createParams(name, { pk: [['id', 'STRING']], ttl: 3600 })), 'OTSParameterInvalid', 400);
    await expectNotListed(name);
  });

  it('rejects max_versions 0', async () => {
    const name = uniqueTableName('mv0');
    await expectOtsError(tryCreate(createParams(name, { pk: [['id', 'STRING']], maxVersions: 0 })), 'OTSParameterInvalid', 400);
    await expectNotListed(name);
  });
});

describe('ListTable and DeleteTable', () => {
  it('lists a new table and stops listing it once deleted', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'list' });
    expect((await t.client.listTable({})).tableNames).toContain(name);
    await t.client.deleteTable({ tableName: name });
    await expectNotListed(name);
    await expectOtsError(t.client.describeTable({ tableName: name }), 'OTSObjectNotExist', 404);
  });

  it('drops the rows with the table: a table re-created under the same name is empty', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'recreate' });
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'a' }],
      attributeColumns: [{ v: 'x' }],
    });
    await t.client.deleteTable({ tableName: name });
    await createTable(t.client, { pk: [['id', 'STRING']], name });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }] });
    expect(row).toEqual({});
  });
});

describe('UpdateTable', () => {
  it('changes TTL and max versions, and DescribeTable shows the new values', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 1, tag: 'upd' });
    const res = await t.client.updateTable({ tableName: name, tableOptions: { timeToLive: 3 * 86400, maxVersions: 4 } });
    expect(res.tableOptions.timeToLive).toBe(3 * 86400);
    expect(res.tableOptions.maxVersions).toBe(4);
    expect(res.reservedThroughputDetails).toBeTruthy();
    const d = await t.client.describeTable({ tableName: name });
    expect(d.tableOptions.timeToLive).toBe(3 * 86400);
    expect(d.tableOptions.maxVersions).toBe(4);
    expect(schemaOf(d)).toEqual([{ name: 'id', type: PKT.STRING, autoIncrement: false }]);
  });
});

describe('operations on a missing table answer 404 OTSObjectNotExist', () => {
  const missing = (): string => uniqueTableName('missing');
  const pk = [{ id: 'a' }];
  const cases: Array<[string, (name: string) => Promise<unknown>]> = [
    ['DescribeTable', (n) => t.client.describeTable({ tableName: n })],
    ['UpdateTable', (n) => t.client.updateTable({ tableName: n, tableOptions: { maxVersions: 2 } })],
    ['DeleteTable', (n) => t.client.deleteTable({ tableName: n })],
    ['GetRow', (n) => t.client.getRow({ tableName: n, primaryKey: pk })],
    [
      'PutRow',
      (n) => t.client.putRow({ tableName: n, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ v: long(1) }] }),
    ],
    [
      'UpdateRow',
      (n) =>
        t.client.updateRow({
          tableName: n,
          condition: cond.ignore(),
          primaryKey: pk,
          updateOfAttributeColumns: [{ PUT: [{ v: 'x' }] }],
        }),
    ],
    ['DeleteRow', (n) => t.client.deleteRow({ tableName: n, condition: cond.ignore(), primaryKey: pk })],
    [
      'GetRange',
      (n) =>
        t.client.getRange({
          tableName: n,
          direction: 'FORWARD',
          inclusiveStartPrimaryKey: [{ id: TableStore.INF_MIN }],
          exclusiveEndPrimaryKey: [{ id: TableStore.INF_MAX }],
        }),
    ],
  ];
  it.each(cases)('%s', async (_op, call) => {
    const f = await expectOtsError(call(missing()), 'OTSObjectNotExist', 404);
    expect(f.text).toContain('Requested table does not exist.');
  });
});
