import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  defineTable,
  ensureTables,
  getRow,
  incrementCounter,
  putRow,
  tryDecrement,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const stock = defineTable({
  name: 'stock',
  primaryKey: [
    { name: 'storeId', type: 'string' },
    { name: 'sku', type: 'string' },
  ],
  columns: { available: 'integer' },
});

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [stock]);
});
afterAll(() => s.stop());

describe('guarded counters', () => {
  it('200 concurrent decrements of a stock of 50: exactly 50 succeed, never below 0', async () => {
    const key = { storeId: 's1', sku: 'flash' };
    await putRow(s.client, stock, { ...key, available: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, () => tryDecrement(s.client, stock, key, 'available', 1)));
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(50);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'insufficient')).toBe(true);
    const values = ok.map((r) => (r.ok ? Number(r.value) : -1)).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i)); // each new value seen once: 49..0
    expect(await getRow(s.client, stock, key)).toEqual({ ...key, available: 0 });
  });

  it('takes n at a time and respects a floor', async () => {
    const key = { storeId: 's1', sku: 'multi' };
    await putRow(s.client, stock, { ...key, available: 10 });
    expect(await tryDecrement(s.client, stock, key, 'available', 4)).toEqual({ ok: true, value: 6 });
    expect(await tryDecrement(s.client, stock, key, 'available', 4, { floor: 3 })).toEqual({ ok: false, reason: 'insufficient' });
    expect(await tryDecrement(s.client, stock, key, 'available', 3, { floor: 3 })).toEqual({ ok: true, value: 3 });
  });

  it('a missing row or column fails the guard', async () => {
    expect(await tryDecrement(s.client, stock, { storeId: 's1', sku: 'none' }, 'available', 1)).toEqual({
      ok: false,
      reason: 'insufficient',
    });
    expect(await getRow(s.client, stock, { storeId: 's1', sku: 'none' })).toBeUndefined();
    await putRow(s.client, stock, { storeId: 's1', sku: 'nocol', name: 'x' });
    expect((await tryDecrement(s.client, stock, { storeId: 's1', sku: 'nocol' }, 'available', 1)).ok).toBe(false);
  });

  it('increments return the new value; a missing column starts at 0', async () => {
    const key = { storeId: 's2', sku: 'views' };
    expect(await incrementCounter(s.client, stock, key, 'hits', 1)).toBe(1);
    expect(await incrementCounter(s.client, stock, key, 'hits', 41)).toBe(42);
    expect(await incrementCounter(s.client, stock, key, 'hits', 2n ** 60n)).toBe(2n ** 60n + 42n);
    const guarded = incrementCounter(s.client, stock, key, 'hits', 1, {
      condition: { columns: { column: 'hits', op: '<', value: 10 } },
    });
    await expect(guarded).rejects.toBeInstanceOf(ConditionFailedError);
  });
});
