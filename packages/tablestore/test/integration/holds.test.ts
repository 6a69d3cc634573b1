import { startFaultyProxy, type Fault, type FaultyProxy } from '@retail/ots-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bindTable,
  defineTable,
  ensureTables,
  holdColumn,
  placeHold,
  readHolds,
  settleHold,
  type Table,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const inventory = defineTable({
  name: 'hold_inventory',
  primaryKey: [{ name: 'sku', type: 'string' }],
  columns: { available: 'integer', held: 'integer', state: 'string' },
});

let s: TestServer;
let table: Table<'sku'>;
let proxy: FaultyProxy;
let decide: (operation: string, nth: number) => Fault = () => 'pass';
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [inventory]);
  table = bindTable(s.client, inventory);
  proxy = await startFaultyProxy(s.config.endpoint, (op, nth) => decide(op, nth));
});
afterAll(async () => {
  await proxy.stop();
  await s.stop();
});

let skuSeq = 0;
async function stocked(available: number): Promise<{ sku: string }> {
  const key = { sku: `sku-${++skuSeq}` };
  await table.put({ ...key, available, held: 0, state: 'open' });
  return key;
}

/** The table through a proxy that loses the responses `faults` picks (the writes still apply). */
function lossy(faults: (operation: string, nth: number) => Fault): Table<'sku'> {
  proxy.seen.clear();
  decide = faults;
  return bindTable(s.newClient({ endpoint: proxy.endpoint, retry: { baseDelayMs: 1, maxDelayMs: 5 } }), inventory);
}

const take = (id: string, n: number) => ({
  id,
  change: { available: -n, held: n },
  atLeast: { available: n },
  at: 1000,
  note: String(n),
});

describe('placeHold', () => {
  it('applies the change with its marker, and a second call changes nothing', async () => {
    const key = await stocked(5);
    expect(await placeHold(table, key, take('ord_1', 2))).toEqual({ placed: true });
    expect(await placeHold(table, key, take('ord_1', 2))).toEqual({ placed: true });
    expect(await table.get(key, { columns: ['available', 'held'] })).toMatchObject({ available: 3, held: 2 });
    expect(await readHolds(table, key)).toEqual([{ id: 'ord_1', at: 1000, note: '2' }]);
  });

  it('refuses a change its guard does not allow, with the current values, and changes nothing', async () => {
    const key = await stocked(1);
    const r = await placeHold(table, key, take('ord_2', 2));
    expect(r).toEqual({ placed: false, values: { sku: key.sku, available: 1, held: 0 } });
    expect(await placeHold(table, { sku: 'missing' }, take('ord_2', 1))).toEqual({ placed: false, values: undefined });
    expect(await readHolds(table, key)).toEqual([]);
  });

  it('creates a missing row when asked, and its guards then count missing columns as passing', async () => {
    const key = { sku: `buyer-${++skuSeq}` };
    const buy = (id: string, n: number) =>
      placeHold(table, key, {
        id,
        change: { held: n },
        require: { column: 'held', op: '<=', value: 2 - n, passIfMissing: true },
        at: 1,
        createRow: true,
      });
    expect(await buy('ord_b1', 1)).toEqual({ placed: true });
    expect(await buy('ord_b2', 1)).toEqual({ placed: true });
    expect((await buy('ord_b3', 1)).placed).toBe(false); // a limit of 2
    expect(await table.get(key, { columns: ['held'] })).toEqual({ ...key, held: 2 });
  });

  it('honours a further guard on the row', async () => {
    const key = await stocked(5);
    await table.update(key, { set: { state: 'drained' } });
    const r = await placeHold(table, key, { ...take('ord_3', 1), require: { column: 'state', op: '=', value: 'open' } });
    expect(r.placed).toBe(false);
  });

  it('after a lost response, settles the outcome by the marker: applied once', async () => {
    const key = await stocked(5);
    const t = lossy((op, nth) => (op === 'UpdateRow' && nth === 1 ? 'drop-response' : 'pass'));
    expect(await placeHold(t, key, take('ord_4', 2))).toEqual({ placed: true });
    expect(await table.get(key, { columns: ['available', 'held'] })).toMatchObject({ available: 3, held: 2 });
  });

  it('200 concurrent holds on 37 units: exactly 37 placed, never below zero', async () => {
    const key = await stocked(37);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => placeHold(table, key, take(`ord_c${i}`, 1))));
    expect(results.filter((r) => r.placed)).toHaveLength(37);
    expect(await table.get(key, { columns: ['available', 'held'] })).toMatchObject({ available: 0, held: 37 });
    expect(await readHolds(table, key)).toHaveLength(37);
  });
});

describe('settleHold', () => {
  it('releases once: a second settle of the same hold is absent and changes nothing', async () => {
    const key = await stocked(5);
    await placeHold(table, key, take('ord_5', 2));
    const release = { id: 'ord_5', change: { available: 2, held: -2 } };
    expect(await settleHold(table, key, release)).toBe('settled');
    expect(await settleHold(table, key, release)).toBe('absent');
    expect(await table.get(key, { columns: ['available', 'held'] })).toMatchObject({ available: 5, held: 0 });
  });

  it('is blocked by its guard and leaves the hold in place', async () => {
    const key = await stocked(5);
    await placeHold(table, key, take('ord_6', 1));
    await table.update(key, { set: { state: 'drained' } });
    const r = await settleHold(table, key, {
      id: 'ord_6',
      change: { available: 1 },
      require: { column: 'state', op: '=', value: 'open' },
    });
    expect(r).toBe('blocked');
    expect(await readHolds(table, key)).toHaveLength(1);
  });

  it('after a lost response, reports settled and applied the change once', async () => {
    const key = await stocked(5);
    await placeHold(table, key, take('ord_7', 3));
    const t = lossy((op, nth) => (op === 'UpdateRow' && nth === 1 ? 'drop-response' : 'pass'));
    expect(await settleHold(t, key, { id: 'ord_7', change: { available: 3, held: -3 } })).toBe('settled');
    expect(await table.get(key)).toEqual({ ...key, available: 5, held: 0, state: 'open' });
  });

  it('concurrent settles of one hold apply its change exactly once', async () => {
    const key = await stocked(5);
    await placeHold(table, key, take('ord_8', 4));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => settleHold(table, key, { id: 'ord_8', change: { available: 4, held: -4 } })),
    );
    expect(results.filter((r) => r === 'settled')).toHaveLength(1);
    expect(await table.get(key, { columns: ['available', 'held', holdColumn('ord_8')] })).toEqual({
      ...key,
      available: 5,
      held: 0,
    });
  });
});
