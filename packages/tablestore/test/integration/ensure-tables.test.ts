import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableSchemaMismatchError, defineTable, ensureTables, getRow, putRow } from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const members = defineTable({
  name: 'members',
  primaryKey: [{ name: 'memberId', type: 'string' }],
  columns: { points: 'integer' },
});
const orders = defineTable({
  name: 'orders',
  primaryKey: [
    { name: 'memberId', type: 'string' },
    { name: 'orderNo', type: 'integer', autoIncrement: true },
  ],
  options: { timeToLiveSeconds: -1, maxVersions: 1, reservedThroughput: { read: 0, write: 0 } },
});

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.stop());

describe('ensureTables', () => {
  it('creates missing tables, then finds them existing', async () => {
    expect(await ensureTables(s.client, [members, orders])).toEqual({ created: ['members', 'orders'], existing: [] });
    expect(await ensureTables(s.client, [members, orders])).toEqual({ created: [], existing: ['members', 'orders'] });
    await putRow(s.client, members, { memberId: 'm1', points: 5 });
    expect(await getRow(s.client, members, { memberId: 'm1' })).toEqual({ memberId: 'm1', points: 5 });
  });

  it('tolerates several processes ensuring at once', async () => {
    const defs = Array.from({ length: 3 }, (_, i) =>
      defineTable({
        name: `race_${i}`,
        primaryKey: [
          { name: 'id', type: 'string' },
          { name: 'n', type: 'integer' },
        ],
      }),
    );
    const clients = Array.from({ length: 6 }, () => s.newClient());
    const results = await Promise.all(clients.map((c) => ensureTables(c, defs)));
    for (const def of defs) {
      const creators = results.filter((r) => r.created.includes(def.name));
      expect(creators).toHaveLength(1);
    }
    for (const r of results) expect([...r.created, ...r.existing].sort()).toEqual(defs.map((d) => d.name));
  });

  it('refuses a list naming a table twice', async () => {
    await expect(ensureTables(s.client, [members, members])).rejects.toThrow(/defined twice/);
  });

  it('refuses a table whose key differs from its definition', async () => {
    const changed = defineTable({
      name: 'orders',
      primaryKey: [
        { name: 'memberId', type: 'string' },
        { name: 'orderNo', type: 'integer' },
      ],
    });
    const err = await ensureTables(s.client, [changed]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableSchemaMismatchError);
    expect((err as Error).message).toMatch(/'orderNo' is auto-increment, unlike the definition/);
    const other = defineTable({ name: 'members', primaryKey: [{ name: 'memberId', type: 'integer' }] });
    await expect(ensureTables(s.client, [other])).rejects.toThrow(/memberId:string, the definition says integer/);
  });
});
