// The storage layer against ots-local's fault rules (tools/ots-local README, "Faults"): what it
// retries, what it never re-sends, and that holds and sharded counters count once whatever is lost.
import { otsFaults, startOtsLocal, type FaultErrorName, type OtsFaults, type OtsLocal } from '@retail/ots-local';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AmbiguousWriteError,
  ShardedCounter,
  ThrottledError,
  bindTable,
  createTablestoreClient,
  defineTable,
  ensureTables,
  getRow,
  holdsOf,
  incrementCounter,
  placeHold,
  putRow,
  settleHold,
  tryDecrement,
  updateRow,
  type RetryEvent,
  type TablestoreClient,
  type TablestoreConfig,
} from '../../src/index.js';

const stock = defineTable({
  name: 'f_stock',
  primaryKey: [{ name: 'sku', type: 'string' }],
  columns: { available: 'integer', held: 'integer', sold: 'integer', state: 'string' },
});
const shards = defineTable({
  name: 'f_shards',
  primaryKey: [
    { name: 'saleId', type: 'string' },
    { name: 'shard', type: 'integer' },
  ],
  columns: { remaining: 'integer' },
});

let ots: OtsLocal;
let faults: OtsFaults;
let config: TablestoreConfig;
let client: TablestoreClient; // never faulted: sets up and checks
const clients: TablestoreClient[] = [];
beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
  faults = otsFaults(ots.endpoint);
  config = {
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  };
  client = newClient();
  await ensureTables(client, [stock, shards]);
});
beforeEach(() => faults.clear());
afterAll(async () => {
  for (const c of clients) c.close();
  await ots.stop();
});

function newClient(overrides: Partial<TablestoreConfig> = {}): TablestoreClient {
  const c = createTablestoreClient({ ...config, ...overrides });
  clients.push(c);
  return c;
}

/** A client with the default retry policy that records its retries. */
function watched(overrides: Partial<TablestoreConfig> = {}): { c: TablestoreClient; retries: RetryEvent[] } {
  const retries: RetryEvent[] = [];
  return { c: newClient({ ...overrides, onRetry: (e) => retries.push(e) }), retries };
}

let seq = 0;
async function stocked(available: number): Promise<{ sku: string }> {
  const key = { sku: `sku${++seq}` };
  await putRow(client, stock, { ...key, available, held: 0, sold: 0, state: 'open' });
  return key;
}
const available = async (key: { sku: string }) => (await getRow(client, stock, key))?.['available'];

describe('refusals and failures answered before applying', () => {
  const BEFORE: FaultErrorName[] = ['OTSServerBusy', 'OTSTimeout', 'OTSPartitionUnavailable', 'OTSQuotaExhausted', '503'];

  it.each(BEFORE)('%s twice: reads, not-exists puts and conditional updates succeed on the third attempt', async (error) => {
    const key = await stocked(5);
    const { c, retries } = watched();
    for (const operation of ['GetRow', 'PutRow', 'UpdateRow']) await faults.add({ fault: 'error', operation, error, times: 2 });
    expect(await getRow(c, stock, key)).toMatchObject({ available: 5 });
    await putRow(c, stock, { sku: `new-${error}`, available: 1 }, { condition: { row: 'not-exists' } });
    const guard = { column: 'state', op: '=', value: 'open' } as const;
    await updateRow(c, stock, key, { set: { state: 'paused' } }, { condition: { row: 'exists', columns: guard } });
    expect(retries.map((r) => r.operation)).toEqual(['GetRow', 'GetRow', 'PutRow', 'PutRow', 'UpdateRow', 'UpdateRow']);
    expect(await getRow(client, stock, key)).toMatchObject({ state: 'paused' });
    expect(await getRow(client, stock, { sku: `new-${error}` })).toMatchObject({ available: 1 });
    expect((await faults.state()).totals.error).toBe(6);
  });

  it('an INCREMENT refused as busy is re-sent (nothing was applied) and counts once', async () => {
    const key = await stocked(5);
    await faults.add({ fault: 'error', operation: 'UpdateRow', error: 'OTSServerBusy', times: 2 });
    expect(await tryDecrement(newClient(), stock, key, 'available', 2)).toEqual({ ok: true, value: 3 });
  });

  it.each(['OTSTimeout', '503'] as const)('an INCREMENT answered %s is not re-sent: AmbiguousWriteError', async (error) => {
    const key = await stocked(5);
    await faults.add({ id: 'f', fault: 'error', operation: 'UpdateRow', error });
    const err = await tryDecrement(newClient(), stock, key, 'available', 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect((await faults.stats()).f).toEqual({ matched: 1, fired: 1 });
    expect(await available(key)).toBe(5); // this fault came before applying; the caller could not know
  });
});

describe('an INCREMENT whose answer is lost', () => {
  it.each(['reset', 'hang'] as const)('(%s) is never re-sent: AmbiguousWriteError, and the value moved once', async (mode) => {
    const key = await stocked(10);
    await faults.add({ id: 'lost', fault: 'lose-response', operation: 'UpdateRow', mode, times: 1 });
    const c = newClient({ requestTimeoutMs: 300 });
    const err = await incrementCounter(c, stock, key, 'available', -1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect(err).toMatchObject({ ambiguous: true, retryable: false, cause: { ambiguous: true } });
    expect((await faults.stats()).lost).toEqual({ matched: 1, fired: 1 });
    expect(await available(key)).toBe(9);
  });
});

const LOSSY = { fault: 'lose-response', operation: 'UpdateRow', probability: 0.1 } as const;
const lossyClient = () => newClient({ retry: { baseDelayMs: 1, maxDelayMs: 5 } });

describe('holds under 10 % lost answers, 200 concurrent callers', () => {
  it('place and settle exactly once: the units in the row add up', async () => {
    const key = await stocked(150);
    await faults.set({ seed: 11, rules: [{ id: 'lost', ...LOSSY }] });
    const table = bindTable(lossyClient(), stock);
    const take = (i: number) => ({ id: `o${i}`, change: { available: -1, held: 1 }, atLeast: { available: 1 }, at: i });
    const placed = await Promise.all(Array.from({ length: 200 }, (_, i) => placeHold(table, key, take(i))));
    const winners = placed.flatMap((r, i) => (r.placed ? [i] : []));
    expect(winners).toHaveLength(150);
    const row = (await getRow(client, stock, key))!;
    expect(row).toMatchObject({ available: 0, held: 150 });
    expect(
      holdsOf(row)
        .map((h) => h.at)
        .sort((a, b) => a - b),
    ).toEqual(winners);

    // Every winner settles twice at once: odd ones commit, even ones release.
    const settle = (i: number) =>
      settleHold(table, key, { id: `o${i}`, change: i % 2 ? { held: -1, sold: 1 } : { held: -1, available: 1 } });
    const settled = await Promise.all(winners.flatMap((i) => [settle(i), settle(i)]));
    expect(settled.filter((s) => s === 'blocked')).toEqual([]);
    const released = winners.filter((i) => i % 2 === 0).length;
    const after = (await getRow(client, stock, key))!;
    expect(after).toMatchObject({ available: released, held: 0, sold: 150 - released });
    expect(holdsOf(after)).toEqual([]);
    expect((await faults.stats()).lost!.fired).toBeGreaterThan(0);
  });

  it('ShardedCounter takes, confirms and gives back exactly once', async () => {
    const spec = { table: bindTable(lossyClient(), shards), keyOf: (shard: number) => ({ saleId: 's1', shard }), shards: 8 };
    const counter = new ShardedCounter({ ...spec, column: 'remaining' });
    await counter.create(300);
    await faults.set({ seed: 12, rules: [{ id: 'lost', ...LOSSY }] });
    const wants = Array.from({ length: 200 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(wants.map((n, i) => counter.take({ id: `b${i}`, n, at: i })));
    const taken = results.map((r) => (r.ok ? r.takes.reduce((a, t) => a + t.n, 0) : 0));
    results.forEach((r, i) => r.ok && expect(taken[i]).toBe(wants[i]));
    const holds = await counter.holds();
    expect(holds.reduce((a, h) => a + h.n, 0)).toBe(taken.reduce((a, b) => a + b, 0));
    expect((await counter.remaining()) + holds.reduce((a, h) => a + h.n, 0)).toBe(300);

    const confirmed = results.map((r, i) => (r.ok && i % 2 ? r : undefined));
    await Promise.all(
      results.map((r, i) => (r.ok ? (i % 2 ? counter.confirm(`b${i}`, r.takes) : counter.giveBack(`b${i}`, r.takes)) : [])),
    );
    const kept = confirmed.reduce((a, r, i) => a + (r ? (taken[i] ?? 0) : 0), 0);
    expect(await counter.holds()).toEqual([]);
    expect(await counter.remaining()).toBe(300 - kept);
    expect((await faults.stats()).lost!.fired).toBeGreaterThan(0);
  });
});

describe('throttling', () => {
  it('beyond the reserved write units: ThrottledError (retryable) once the retries are spent', async () => {
    await faults.add({ fault: 'throttle', table: 'f_stock', writeCUPerSecond: 0.0001, burst: 1 });
    const { c, retries } = watched();
    await putRow(c, stock, { sku: 'th1', available: 1 });
    const err = await putRow(c, stock, { sku: 'th2', available: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect(err).toMatchObject({ retryable: true, otsCode: 'OTSCapacityUnitExhausted', httpStatus: 403 });
    expect(retries).toHaveLength(2);
    expect(await getRow(client, stock, { sku: 'th2' })).toBeUndefined();
  });

  it("the layer's backoff gets through once the bucket refills", async () => {
    // 11 units at 10 per second: about a second of debt. Full-jitter waits are random, so this
    // client allows more attempts than the default 3 to cover that second without a timed assertion.
    await faults.add({ id: 'cap', fault: 'throttle', table: 'f_stock', writeCUPerSecond: 10, burst: 1 });
    const { c, retries } = watched({ retry: { maxAttempts: 10, maxElapsedMs: 10_000 } });
    await putRow(c, stock, { sku: 'big', available: 1, state: 'x'.repeat(42_000) });
    await putRow(c, stock, { sku: 'after', available: 2 });
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.error instanceof ThrottledError)).toBe(true);
    expect(await getRow(client, stock, { sku: 'after' })).toMatchObject({ available: 2 });
  });
});
