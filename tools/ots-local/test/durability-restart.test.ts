/**
 * Restarts (local only): a clean stop and start keeps everything, garbage after the last log
 * record is ignored, and a data directory in use is refused.
 */
import { appendFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOtsLocal, type OtsLocal } from '../src/index.js';
import { ensureBuilt, logFiles, newestLogFile } from './support/cli.js';
import { cliTarget, readMany, rowId, rowValue, startCliFor, startLib, tempDir } from './support/durable.js';
import { expectOtsError } from './support/errors.js';
import { TableStore } from './support/sdk.js';
import { createParams, uniqueTableName } from './support/tables.js';
import { isReal, makeClient } from './support/target.js';
import { I, S, big, cond, latest, long, pool, versionsOf } from './support/values.js';

describe.skipIf(isReal)('restarts (local only)', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 180_000);

  it('a clean stop and start keeps tables, options, rows, versions, counters and deletions', async () => {
    const dir = tempDir();
    let { ots, client } = await startLib(dir);
    const now = Date.now();
    const keep = uniqueTableName('keep');
    const dropped = uniqueTableName('dropped');
    const auto = uniqueTableName('auto');
    try {
      await client.createTable(
        createParams(keep, {
          pk: [
            ['id', 'STRING'],
            ['n', 'INTEGER'],
          ],
          maxVersions: 3,
          ttl: 2 * 86400,
          definedColumns: [{ name: 'dc', type: TableStore.DefinedColumnType.DCT_STRING }],
        }),
      );
      await client.createTable(createParams(dropped, { pk: [['id', 'STRING']] }));
      await client.createTable(
        createParams(auto, {
          pk: [
            { name: 'p', type: 'STRING' },
            { name: 's', type: 'INTEGER', autoIncrement: true },
          ],
        }),
      );
      await client.putRow({
        tableName: dropped,
        condition: cond.ignore(),
        primaryKey: [{ id: 'x' }],
        attributeColumns: [{ v: 'x' }],
      });
      await client.deleteTable({ tableName: dropped });

      const k = (id: string, n: number): Array<Record<string, string | ReturnType<typeof long>>> => [{ id }, { n: long(n) }];
      await client.putRow({
        tableName: keep,
        condition: cond.ignore(),
        primaryKey: k('a', 1),
        attributeColumns: [{ s: 'one' }, { b: Buffer.from([1, 2, 3]) }, { d: 2.5 }, { t: true }],
      });
      await client.putRow({
        tableName: keep,
        condition: cond.ignore(),
        primaryKey: k('gone', 2),
        attributeColumns: [{ s: 'bye' }],
      });
      await client.deleteRow({ tableName: keep, condition: cond.ignore(), primaryKey: k('gone', 2) });
      for (const [v, dt] of [
        ['v1', 3000],
        ['v2', 2000],
        ['v3', 1000],
      ] as const) {
        await client.updateRow({
          tableName: keep,
          condition: cond.ignore(),
          primaryKey: k('ver', 3),
          updateOfAttributeColumns: [{ PUT: [{ h: v, timestamp: now - dt }] }],
        });
      }
      for (let i = 0; i < 7; i++) {
        await client.updateRow({
          tableName: keep,
          condition: cond.ignore(),
          primaryKey: k('cnt', 4),
          updateOfAttributeColumns: [{ INCREMENT: [{ c: long(3) }] }],
        });
      }
      await client.updateRow({
        tableName: keep,
        condition: cond.ignore(),
        primaryKey: k('a', 1),
        updateOfAttributeColumns: [{ DELETE_ALL: ['t'] }, { PUT: [{ s: 'uno' }] }],
      });
      const autoKeys: bigint[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await client.putRow({
          tableName: auto,
          condition: cond.ignore(),
          primaryKey: [{ p: 'x' }, { s: TableStore.PK_AUTO_INCR }],
          attributeColumns: [{ i: long(i) }],
          returnContent: { returnType: TableStore.ReturnType.Primarykey },
        });
        autoKeys.push(big(res.row.primaryKey?.[1]?.value));
      }

      await ots.stop();
      ({ ots, client } = await startLib(dir));

      const names = (await client.listTable({})).tableNames;
      expect(names).toContain(keep);
      expect(names).toContain(auto);
      expect(names).not.toContain(dropped);
      const d = await client.describeTable({ tableName: keep });
      expect(d.tableMeta.primaryKey.map((p) => [p.name, p.type])).toEqual([
        ['id', 2],
        ['n', 1],
      ]);
      expect(d.tableMeta.definedColumn.map((c) => [c.name, c.type])).toEqual([['dc', 4]]);
      expect([d.tableOptions.timeToLive, d.tableOptions.maxVersions]).toEqual([2 * 86400, 3]);
      const da = await client.describeTable({ tableName: auto });
      expect(
        Object.prototype.hasOwnProperty.call(da.tableMeta.primaryKey[1], 'option') && da.tableMeta.primaryKey[1]?.option,
      ).toBe(1);

      expect(latest((await client.getRow({ tableName: keep, primaryKey: k('a', 1) })).row)).toEqual({
        s: S('uno'),
        b: { bin: '010203' },
        d: { double: 2.5 },
      });
      expect((await client.getRow({ tableName: keep, primaryKey: k('gone', 2) })).row).toEqual({});
      const ver = await client.getRow({ tableName: keep, primaryKey: k('ver', 3), maxVersions: 5 });
      expect(versionsOf(ver.row, 'h')).toEqual([
        { value: S('v3'), ts: now - 1000 },
        { value: S('v2'), ts: now - 2000 },
        { value: S('v1'), ts: now - 3000 },
      ]);
      expect(latest((await client.getRow({ tableName: keep, primaryKey: k('cnt', 4) })).row)).toEqual({ c: I(21) });
      await expectOtsError(client.describeTable({ tableName: dropped }), 'OTSObjectNotExist', 404);

      const next = await client.putRow({
        tableName: auto,
        condition: cond.ignore(),
        primaryKey: [{ p: 'x' }, { s: TableStore.PK_AUTO_INCR }],
        attributeColumns: [{ i: long(3) }],
        returnContent: { returnType: TableStore.ReturnType.Primarykey },
      });
      const nextKey = big(next.row.primaryKey?.[1]?.value);
      expect(nextKey > autoKeys[2]!, `auto-increment after restart (${nextKey}) must exceed ${autoKeys[2]}`).toBe(true);

      // A second restart keeps the post-restart write as well.
      await ots.stop();
      ({ ots, client } = await startLib(dir));
      const range = await client.getRange({
        tableName: auto,
        direction: 'FORWARD',
        inclusiveStartPrimaryKey: [{ p: 'x' }, { s: TableStore.INF_MIN }],
        exclusiveEndPrimaryKey: [{ p: 'x' }, { s: TableStore.INF_MAX }],
      });
      expect(range.rows.map((r) => big(r.primaryKey[1]?.value))).toEqual([...autoKeys, nextKey]);
    } finally {
      await ots.stop();
    }
  }, 120_000);

  async function tryStart(dir: string): Promise<boolean> {
    let second: OtsLocal | undefined;
    try {
      second = await startOtsLocal({ port: 0, dataDir: dir, log: () => {} });
    } catch {
      return false;
    }
    await second.stop();
    return true;
  }

  it('a second server refuses a data directory held by a running CLI process', async () => {
    const dir = tempDir();
    const holder = await startCliFor(dir);
    expect(await tryStart(dir), 'a second server started on a directory in use by another process').toBe(false);
    await expect(makeClient(cliTarget(holder)).listTable({})).resolves.toBeDefined();
  });

  it('a second server refuses a data directory held by a server in the same process', async () => {
    const dir = tempDir();
    const { ots, client } = await startLib(dir);
    try {
      expect(await tryStart(dir), 'a second server started on a directory in use in this process').toBe(false);
      await expect(client.listTable({})).resolves.toBeDefined();
    } finally {
      await ots.stop();
    }
  });

  it('garbage appended to the newest .log after a clean stop: the server starts and serves every earlier row', async () => {
    const dir = tempDir();
    let { ots, client } = await startLib(dir);
    const tableName = uniqueTableName('garbage');
    try {
      await client.createTable(createParams(tableName, { pk: [['id', 'STRING']] }));
      await pool(50, 10, (i) =>
        client.putRow({
          tableName,
          condition: cond.ignore(),
          primaryKey: [{ id: rowId(i) }],
          attributeColumns: [{ v: rowValue(i) }, { n: long(i * 7) }],
        }),
      );
      await ots.stop();

      expect(logFiles(dir).length, `no *.log file under ${dir}`).toBeGreaterThan(0);
      const log = newestLogFile(dir)!;
      appendFileSync(
        log,
        Buffer.concat([
          Buffer.from([0xff, 0xff, 0xff, 0x7f, 0x00, 0x01]),
          Buffer.from('\u0000garbage-tail\u00ff'),
          Buffer.alloc(37, 0xab),
        ]),
      );

      ({ ots, client } = await startLib(dir));
      const found = await readMany(
        client,
        tableName,
        Array.from({ length: 50 }, (_, i) => i),
      );
      for (let i = 0; i < 50; i++) expect(found.get(i), rowId(i)).toEqual({ v: S(rowValue(i)), n: I(i * 7) });

      // New writes after recovery survive the next restart (not appended after unreadable bytes).
      await client.putRow({
        tableName,
        condition: cond.ignore(),
        primaryKey: [{ id: 'after' }],
        attributeColumns: [{ v: 'later' }],
      });
      await ots.stop();
      ({ ots, client } = await startLib(dir));
      expect(latest((await client.getRow({ tableName, primaryKey: [{ id: 'after' }] })).row)).toEqual({ v: S('later') });
      expect((await readMany(client, tableName, [0, 49])).get(49)).toEqual({ v: S(rowValue(49)), n: I(49 * 7) });
    } finally {
      await ots.stop();
    }
  }, 120_000);
});
