/**
 * Crash safety (local only): every acknowledged write survives kill -9 of the CLI, and a log
 * cut mid-record by a crash does not stop the server.
 */
import { statSync, truncateSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from './support/bulk.js';
import { ensureBuilt, kill9, newestLogFile } from './support/cli.js';
import { cliTarget, readMany, rowId, rowValue, startCliFor, tempDir } from './support/durable.js';
import { TableStore } from './support/sdk.js';
import { createParams, uniqueTableName } from './support/tables.js';
import { isReal, makeClient } from './support/target.js';
import { I, S, cond, latest, long, pkList, pool } from './support/values.js';

describe.skipIf(isReal)('crash safety (local only)', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 180_000);

  it('every acknowledged put survives kill -9 in the middle of a burst, and the store keeps working', async () => {
    const dir = tempDir();
    const first = await startCliFor(dir);
    const client = makeClient(cliTarget(first), { maxSockets: 64, timeout: 10_000 });
    const tableName = uniqueTableName('crash');
    await client.createTable(createParams(tableName, { pk: [['id', 'STRING']] }));

    const TOTAL = 2000;
    const KILL_AFTER = 600;
    const acked: number[] = [];
    let failed = 0;
    let killing: Promise<void> | undefined;
    await pool(TOTAL, 50, async (i) => {
      try {
        await client.putRow({
          tableName,
          condition: cond.ignore(),
          primaryKey: [{ id: rowId(i) }],
          attributeColumns: [{ v: rowValue(i) }, { n: long(i * 7) }],
        });
        acked.push(i);
        if (acked.length >= KILL_AFTER && !killing) killing = kill9(first);
      } catch {
        failed += 1;
      }
    });
    await killing;
    expect(killing, 'the server was killed during the burst').toBeDefined();
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed, 'puts after the kill must fail').toBeGreaterThan(0);
    expect(acked.length + failed).toBe(TOTAL);

    const second = await startCliFor(dir);
    const client2 = makeClient(cliTarget(second), { timeout: 10_000 });
    expect((await client2.listTable({})).tableNames).toContain(tableName);
    const found = await readMany(client2, tableName, acked);
    const missing = acked.filter((i) => found.get(i) === null);
    expect(missing.slice(0, 10), `${missing.length} acknowledged rows lost`).toEqual([]);
    for (const i of acked) expect(found.get(i), rowId(i)).toEqual({ v: S(rowValue(i)), n: I(i * 7) });

    // Rows that were in flight may or may not exist, but nothing half-written or invented.
    const pages = await scanAll(client2, {
      tableName,
      direction: 'FORWARD',
      inclusiveStartPrimaryKey: [{ id: TableStore.INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: TableStore.INF_MAX }],
    });
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.length).toBeGreaterThanOrEqual(acked.length);
    for (const r of rows) {
      const i = Number(String(r.primaryKey[0]?.value).slice(1));
      expect(i).toBeLessThan(TOTAL);
      expect(latest(r), rowId(i)).toEqual({ v: S(rowValue(i)), n: I(i * 7) });
    }

    // Writes after recovery are durable too (the log was left appendable).
    await client2.putRow({
      tableName,
      condition: cond.ignore(),
      primaryKey: [{ id: 'after-crash' }],
      attributeColumns: [{ v: 'ok' }],
    });
    await kill9(second);
    const third = await startCliFor(dir);
    const client3 = makeClient(cliTarget(third), { timeout: 10_000 });
    expect(latest((await client3.getRow({ tableName, primaryKey: [{ id: 'after-crash' }] })).row)).toEqual({ v: S('ok') });
    const again = await readMany(client3, tableName, acked);
    expect(acked.filter((i) => again.get(i) === null)).toEqual([]);
    await kill9(third);
  }, 180_000);

  it('a log truncated mid-record after kill -9: the server starts and serves every row but possibly the last', async () => {
    const dir = tempDir();
    const first = await startCliFor(dir);
    const client = makeClient(cliTarget(first), { timeout: 10_000 });
    const tableName = uniqueTableName('torn');
    await client.createTable(createParams(tableName, { pk: [['id', 'STRING']] }));
    for (let i = 0; i < 30; i++) {
      await client.putRow({
        tableName,
        condition: cond.ignore(),
        primaryKey: [{ id: rowId(i) }],
        attributeColumns: [{ v: rowValue(i) }, { n: long(i * 7) }],
      });
    }
    await client.putRow({
      tableName,
      condition: cond.ignore(),
      primaryKey: [{ id: 'last' }],
      attributeColumns: [{ v: 'z'.repeat(200) }],
    });
    await kill9(first);

    const log = newestLogFile(dir);
    expect(log, `no *.log file under ${dir}`).toBeDefined();
    const size = statSync(log!).size;
    expect(size, 'after kill -9 the newest log holds the recent writes').toBeGreaterThan(10);
    truncateSync(log!, size - 7);

    const second = await startCliFor(dir);
    const client2 = makeClient(cliTarget(second), { timeout: 10_000 });
    const found = await readMany(
      client2,
      tableName,
      Array.from({ length: 30 }, (_, i) => i),
    );
    for (let i = 0; i < 30; i++) expect(found.get(i), rowId(i)).toEqual({ v: S(rowValue(i)), n: I(i * 7) });
    const last = (await client2.getRow({ tableName, primaryKey: [{ id: 'last' }] })).row;
    if (last.primaryKey) {
      expect(pkList(last.primaryKey)).toEqual([['id', S('last')]]);
      expect(latest(last), 'the last row is either absent or whole').toEqual({ v: S('z'.repeat(200)) });
    }

    await client2.putRow({
      tableName,
      condition: cond.ignore(),
      primaryKey: [{ id: 'after' }],
      attributeColumns: [{ v: 'later' }],
    });
    await kill9(second);
    const third = await startCliFor(dir);
    const client3 = makeClient(cliTarget(third), { timeout: 10_000 });
    expect(latest((await client3.getRow({ tableName, primaryKey: [{ id: 'after' }] })).row)).toEqual({ v: S('later') });
    await kill9(third);
  }, 120_000);
});
