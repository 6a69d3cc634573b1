/** Cell versions: timestamps, maxVersions on read, the table's max_versions, time ranges. */
import { describe, expect, it } from 'vitest';
import type { Client } from './support/sdk.js';
import { expectOtsError } from './support/errors.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { S, big, cond, latest, versionsOf } from './support/values.js';

const t = useTarget();
const pk = [{ id: 'r' }];

/** Writes `column` = value at each timestamp, one UpdateRow PUT per version. */
async function writeVersions(
  client: Client,
  tableName: string,
  column: string,
  versions: Array<[string, number]>,
): Promise<void> {
  for (const [value, ts] of versions) {
    await client.updateRow({
      tableName,
      condition: cond.ignore(),
      primaryKey: pk,
      updateOfAttributeColumns: [{ PUT: [{ [column]: value, timestamp: ts }] }],
    });
  }
}

/** Four distinct whole-second-apart timestamps in the recent past, oldest first. */
function recentTimestamps(): [number, number, number, number] {
  const base = Date.now() - 60_000;
  return [base, base + 10_000, base + 20_000, base + 30_000];
}

const vs = (...pairs: Array<[string, number]>): Array<{ value: ReturnType<typeof S>; ts: number }> =>
  pairs.map(([v, ts]) => ({ value: S(v), ts }));

describe('timestamps', () => {
  it('a write without a timestamp gets the server time in milliseconds', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'now' });
    const before = Date.now();
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ v: 'x' }] });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    const ts = Number(big(row.attributes?.[0]?.timestamp));
    expect(Math.abs(ts - before), `cell timestamp ${ts} vs client clock ${before}`).toBeLessThan(5 * 60_000);
  });

  it('an explicit timestamp is stored as given', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'explicit' });
    const ts = Date.now() - 3_600_000 + 123;
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ v: 'x', timestamp: ts }],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(versionsOf(row, 'v')).toEqual(vs(['x', ts]));
  });

  it('rejects a timestamp older than the allowed deviation (default one day) with OTSParameterInvalid', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'deviation' });
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await expectOtsError(
      t.client.putRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: pk,
        attributeColumns: [{ v: 'x', timestamp: twoDaysAgo }],
      }),
      'OTSParameterInvalid',
      400,
    );
    expect((await t.client.getRow({ tableName: name, primaryKey: pk })).row).toEqual({});
  });

  it('accepts that timestamp when the table allows a larger deviation', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxTimeDeviation: 3 * 86400, tag: 'deviation3' });
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [{ v: 'x', timestamp: twoDaysAgo }],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(versionsOf(row, 'v')).toEqual(vs(['x', twoDaysAgo]));
  });
});

describe('reading versions', () => {
  it('returns the newest N versions, newest first', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 5, tag: 'newestn' });
    const [t1, t2, t3, t4] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['b', t2],
      ['a', t1],
      ['d', t4],
      ['c', t3],
    ]);

    const one = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(versionsOf(one.row, 'v')).toEqual(vs(['d', t4]));
    const three = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 3 });
    expect(versionsOf(three.row, 'v')).toEqual(vs(['d', t4], ['c', t3], ['b', t2]));
    const all = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(all.row, 'v')).toEqual(vs(['d', t4], ['c', t3], ['b', t2], ['a', t1]));
  });

  it('one PutRow can carry several versions of a column', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 3, tag: 'multiput' });
    const [t1, t2, t3] = recentTimestamps();
    await t.client.putRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      attributeColumns: [
        { v: 'a', timestamp: t1 },
        { v: 'b', timestamp: t2 },
        { v: 'c', timestamp: t3 },
      ],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 3 });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3], ['b', t2], ['a', t1]));
  });

  it('a time range [start, end) selects versions by timestamp, end exclusive', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 5, tag: 'timerange' });
    const [t1, t2, t3, t4] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['b', t2],
      ['c', t3],
      ['d', t4],
    ]);
    const { row } = await t.client.getRow({
      tableName: name,
      primaryKey: pk,
      maxVersions: 10,
      timeRange: { startTime: t2, endTime: t4 },
    });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3], ['b', t2]));
  });

  it('a PUT at an existing timestamp overwrites that version', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 5, tag: 'overwrite' });
    const [t1, t2, t3] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['b', t2],
      ['c', t3],
    ]);
    await writeVersions(t.client, name, 'v', [['B2', t2]]);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3], ['B2', t2], ['a', t1]));
  });
});

describe("the table's max_versions", () => {
  it('keeps only the newest max_versions versions', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 2, tag: 'mv2' });
    const [t1, t2, t3, t4] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['b', t2],
      ['c', t3],
      ['d', t4],
    ]);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(row, 'v')).toEqual(vs(['d', t4], ['c', t3]));
  });

  it('lowering max_versions with UpdateTable hides the older versions at once', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 3, tag: 'mvlower' });
    const [t1, t2, t3] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['b', t2],
      ['c', t3],
    ]);
    expect(versionsOf((await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 })).row, 'v')).toHaveLength(3);
    await t.client.updateTable({ tableName: name, tableOptions: { maxVersions: 1 } });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3]));
  });
});

describe('deleting versions', () => {
  it('DELETE removes one version, DELETE_ALL removes the column, other columns stay', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 5, tag: 'delver' });
    const [t1, t2, t3] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['b', t2],
      ['c', t3],
    ]);
    await writeVersions(t.client, name, 'keep', [['k', t1]]);

    await t.client.updateRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      updateOfAttributeColumns: [{ DELETE: [{ v: t2 }] }],
    });
    let { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3], ['a', t1]));

    await t.client.updateRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      updateOfAttributeColumns: [{ DELETE_ALL: ['v'] }],
    });
    ({ row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 }));
    expect(versionsOf(row, 'v')).toEqual([]);
    expect(latest(row)).toEqual({ keep: S('k') });
  });

  it('DELETE of a timestamp that has no version changes nothing', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], maxVersions: 5, tag: 'delnone' });
    const [t1, t2, t3] = recentTimestamps();
    await writeVersions(t.client, name, 'v', [
      ['a', t1],
      ['c', t3],
    ]);
    await t.client.updateRow({
      tableName: name,
      condition: cond.ignore(),
      primaryKey: pk,
      updateOfAttributeColumns: [{ DELETE: [{ v: t2 }] }],
    });
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk, maxVersions: 10 });
    expect(versionsOf(row, 'v')).toEqual(vs(['c', t3], ['a', t1]));
  });
});
