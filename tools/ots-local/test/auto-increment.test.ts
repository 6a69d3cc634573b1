/** Auto-increment primary key columns. */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import { TableStore, type PrimaryKeyColumn } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { S, big, cond, latest, pkList } from './support/values.js';

const t = useTarget();
const spec = {
  pk: [
    { name: 'part', type: 'STRING' as const },
    { name: 'seq', type: 'INTEGER' as const, autoIncrement: true },
  ],
  tag: 'autoinc',
};

async function putAuto(tableName: string, part: string, value: string): Promise<PrimaryKeyColumn[]> {
  const res = await t.client.putRow({
    tableName,
    condition: cond.ignore(),
    primaryKey: [{ part }, { seq: TableStore.PK_AUTO_INCR }],
    attributeColumns: [{ v: value }],
    returnContent: { returnType: TableStore.ReturnType.Primarykey },
  });
  expect(res.row.primaryKey, 'ReturnType Primarykey must return the generated key').toBeDefined();
  return res.row.primaryKey ?? [];
}

describe('auto-increment primary key', () => {
  it('PutRow with ReturnType Primarykey returns the generated key, and the row is readable by it', async () => {
    const name = await createTable(t.client, spec);
    const key = await putAuto(name, 'p1', 'first');
    expect(key.map((c) => c.name)).toEqual(['part', 'seq']);
    expect(pkList(key)[0]).toEqual(['part', S('p1')]);
    const seq = key[1]?.value;
    expect(big(seq) > 0n, 'generated value is a positive INTEGER').toBe(true);

    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ part: 'p1' }, { seq: seq! }] });
    expect(latest(row)).toEqual({ v: S('first') });
  });

  it('successive puts get strictly increasing, distinct keys', async () => {
    const name = await createTable(t.client, spec);
    const seqs: bigint[] = [];
    for (let i = 0; i < 5; i++) seqs.push(big((await putAuto(name, 'p', `v${i}`))[1]?.value));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!, `seq ${seqs[i]} after ${seqs[i - 1]}`).toBe(true);

    const range = await t.client.getRange({
      tableName: name,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ part: 'p' }, { seq: TableStore.INF_MIN }],
      exclusiveEndPrimaryKey: [{ part: 'p' }, { seq: TableStore.INF_MAX }],
    });
    expect(range.rows.map((r) => big(r.primaryKey[1]?.value))).toEqual(seqs);
    expect(range.rows.map((r) => latest(r).v)).toEqual([0, 1, 2, 3, 4].map((i) => S(`v${i}`)));
  });

  it('concurrent puts never hand out the same key', async () => {
    const name = await createTable(t.client, spec);
    const keys = await Promise.all(Array.from({ length: 40 }, (_, i) => putAuto(name, 'c', `v${i}`)));
    const seqs = keys.map((k) => big(k[1]?.value));
    expect(new Set(seqs).size).toBe(40);
  });

  it('a GetRow with PK_AUTO_INCR is rejected with OTSParameterInvalid', async () => {
    const name = await createTable(t.client, spec);
    await expectOtsError(
      t.client.getRow({ tableName: name, primaryKey: [{ part: 'p' }, { seq: TableStore.PK_AUTO_INCR }] }),
      'OTSParameterInvalid',
      400,
    );
  });

  it('an auto-increment put with EXPECT_NOT_EXIST is rejected with OTSParameterInvalid', async () => {
    const name = await createTable(t.client, spec);
    await expectOtsError(
      t.client.putRow({
        tableName: name,
        condition: cond.notExist(),
        primaryKey: [{ part: 'p' }, { seq: TableStore.PK_AUTO_INCR }],
        attributeColumns: [{ v: 'x' }],
      }),
      'OTSParameterInvalid',
      400,
    );
  });
});
