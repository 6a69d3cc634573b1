import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindTable, defineTable, ensureTables, ShardedCounter, shardCountFor, splitTotal, type Table } from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const shardsTable = defineTable({
  name: 'counter_shards',
  primaryKey: [
    { name: 'counterId', type: 'string' },
    { name: 'shard', type: 'integer' },
  ],
  columns: { remaining: 'integer', state: 'string' },
});

let s: TestServer;
let table: Table<'counterId' | 'shard'>;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [shardsTable]);
  table = bindTable(s.client, shardsTable);
});
afterAll(() => s.stop());

let seq = 0;
async function counter(total: number, shards: number): Promise<ShardedCounter<'counterId' | 'shard'>> {
  const counterId = `c${++seq}`;
  const c = new ShardedCounter({
    table,
    keyOf: (shard) => ({ counterId, shard }),
    shards,
    column: 'remaining',
    require: { column: 'state', op: '=', value: 'open' },
  });
  await c.create(total, { state: 'open' });
  return c;
}

describe('ShardedCounter', () => {
  it('splits a total exactly, and a repeated create changes nothing', async () => {
    expect(splitTotal(1000, 16).reduce((a, b) => a + b)).toBe(1000);
    expect(splitTotal(10, 4)).toEqual([3, 3, 2, 2]);
    expect(shardCountFor(1000)).toBe(16);
    expect(shardCountFor(3)).toBe(1);
    const c = await counter(10, 4);
    await c.create(10, { state: 'open' });
    expect(await c.values()).toEqual([3, 3, 2, 2]);
  });

  it('400 concurrent takes of 1 for 50 units over 8 shards: exactly 50 taken, no shard below zero', async () => {
    const c = await counter(50, 8);
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => c.take({ id: `b${i}`, n: 1, at: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.remaining === 0)).toBe(true);
    expect(await c.values()).toEqual(Array(8).fill(0));
    expect(await c.holds()).toHaveLength(50);
    const tagged = await counter(5, 1);
    await tagged.take({ id: 'ord_t', n: 2, at: 7, tag: 'mem_1' });
    expect(await tagged.holds()).toEqual([{ id: 'ord_t', at: 7, note: '2:mem_1', shard: 0, n: 2, tag: 'mem_1' }]);
  });

  it('1000 fresh takers of 200 units over 16 shards: all 200 taken, and no refusal while units remained', async () => {
    const c = await counter(200, 16);
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => c.take({ id: `f${i}`, n: 1, at: 1, fresh: true })));
    expect(results.filter((r) => r.ok)).toHaveLength(200);
    expect(results.filter((r) => !r.ok && r.reason !== 'insufficient')).toEqual([]);
    expect(await c.remaining()).toBe(0);
  });

  it('gathers a take from several shards when no single shard has it', async () => {
    const c = await counter(4, 4); // 1 unit per shard
    const r = await c.take({ id: 'big', n: 3, at: 1 });
    expect(r.ok && r.takes.reduce((a, t) => a + t.n, 0)).toBe(3);
    expect(await c.remaining()).toBe(1);
    expect(await c.take({ id: 'big2', n: 2, at: 1 })).toEqual({ ok: false, remaining: 1, reason: 'insufficient' });
    expect(await c.remaining()).toBe(1); // the refused take gave back what it had gathered
  });

  it('mixed concurrent takes of 1-3 units never sell more than the total', async () => {
    const c = await counter(100, 8);
    const wants = Array.from({ length: 150 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(wants.map((n, i) => c.take({ id: `m${i}`, n, at: 1 })));
    const taken = results.reduce((sum, r) => sum + (r.ok ? r.takes.reduce((a, t) => a + t.n, 0) : 0), 0);
    expect(taken + (await c.remaining())).toBe(100);
    expect((await c.values()).every((v) => v >= 0)).toBe(true);
    expect((await c.holds()).reduce((a, h) => a + h.n, 0)).toBe(taken);
  });

  it('gives back once, confirms without giving back, and refuses takes when the guard fails', async () => {
    const c = await counter(10, 2);
    const a = await c.take({ id: 'a', n: 2, at: 1 });
    const b = await c.take({ id: 'b', n: 3, at: 1 });
    if (!a.ok || !b.ok) throw new Error('takes failed');
    expect(await c.giveBack('a', a.takes)).toEqual(['settled']);
    expect(await c.giveBack('a', a.takes)).toEqual(['absent']);
    expect(await c.confirm('b', b.takes)).toEqual(['settled']);
    expect(await c.remaining()).toBe(7);
    expect(await c.holds()).toEqual([]);
    await Promise.all([0, 1].map((shard) => table.update({ counterId: `c${seq}`, shard }, { set: { state: 'closed' } })));
    expect((await c.take({ id: 'late', n: 1, at: 1 })).ok).toBe(false);
  });
});
