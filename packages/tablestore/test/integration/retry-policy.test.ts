import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AmbiguousWriteError,
  NetworkError,
  TimeoutError,
  batchWriteRows,
  defineTable,
  ensureTables,
  getRow,
  incrementCounter,
  putRow,
  tryDecrement,
} from '../../src/index.js';
import { startFaultyProxy, type Fault, type FaultyProxy } from '@retail/ots-local';
import { startTestServer, type TestServer } from '../support/ots.js';

const stock = defineTable({ name: 'stock', primaryKey: [{ name: 'sku', type: 'string' }], columns: { available: 'integer' } });
const phones = defineTable({ name: 'phones', primaryKey: [{ name: 'phone', type: 'string' }] });
const fast = { retry: { baseDelayMs: 1, throttledBaseDelayMs: 1, maxDelayMs: 5 }, requestTimeoutMs: 300 };

let s: TestServer;
let proxy: FaultyProxy;
let plan: (operation: string, nth: number) => Fault = () => 'pass';
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [stock, phones]);
  proxy = await startFaultyProxy(s.config.endpoint, (op, nth) => plan(op, nth));
});
afterAll(async () => {
  await proxy.stop();
  await s.stop();
});

function faulty(decide: (operation: string, nth: number) => Fault) {
  plan = decide;
  proxy.seen.clear();
  return s.newClient({ ...fast, endpoint: proxy.endpoint });
}

describe('retry policy through a faulty network', () => {
  it('retries reads after timeouts, a few times, then throws TimeoutError', async () => {
    await putRow(s.client, stock, { sku: 'r', available: 1 });
    const c = faulty((op, n) => (op === 'GetRow' && n < 3 ? 'hang' : 'pass'));
    expect(await getRow(c, stock, { sku: 'r' })).toEqual({ sku: 'r', available: 1 });
    expect(proxy.seen.get('GetRow')).toBe(3);
    const dead = faulty(() => 'hang');
    await expect(getRow(dead, stock, { sku: 'r' })).rejects.toBeInstanceOf(TimeoutError);
    expect(proxy.seen.get('GetRow')).toBe(3);
  });

  it('never re-sends a guarded decrement whose response was lost: it counts once, and says so', async () => {
    await putRow(s.client, stock, { sku: 'd', available: 10 });
    const c = faulty((op, n) => (op === 'UpdateRow' && n === 1 ? 'drop-response' : 'pass'));
    const err = await tryDecrement(c, stock, { sku: 'd' }, 'available', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect((err as AmbiguousWriteError).cause).toBeInstanceOf(NetworkError);
    expect(proxy.seen.get('UpdateRow')).toBe(1);
    expect((await getRow(s.client, stock, { sku: 'd' }))?.['available']).toBe(9);
  });

  it('does not re-send an increment after a timeout either', async () => {
    const c = faulty((op) => (op === 'UpdateRow' ? 'hang' : 'pass'));
    await expect(incrementCounter(c, stock, { sku: 'i' }, 'hits', 1)).rejects.toMatchObject({
      code: 'AMBIGUOUS_WRITE',
      cause: { code: 'TIMEOUT', ambiguous: true },
    });
    expect(proxy.seen.get('UpdateRow')).toBe(1);
  });

  it('an EXPECT_NOT_EXIST put that applied but lost its response is AmbiguousWriteError, not success or ConditionFailed', async () => {
    const c = faulty((op, n) => (op === 'PutRow' && n === 1 ? 'drop-response' : 'pass'));
    const err = await putRow(c, phones, { phone: '+861', memberId: 'm1' }, { condition: { row: 'not-exists' } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AmbiguousWriteError);
    expect((err as AmbiguousWriteError).cause).toMatchObject({ code: 'CONDITION_FAILED' });
    expect(proxy.seen.get('PutRow')).toBe(2);
    expect((await getRow(s.client, phones, { phone: '+861' }))?.['memberId']).toBe('m1');
  });

  it('re-sends an unconditional put after a lost response and succeeds', async () => {
    const c = faulty((op, n) => (op === 'PutRow' && n === 1 ? 'drop-response' : 'pass'));
    await putRow(c, stock, { sku: 'p', available: 3 });
    expect(proxy.seen.get('PutRow')).toBe(2);
    expect((await getRow(s.client, stock, { sku: 'p' }))?.['available']).toBe(3);
  });

  it('in a batch whose response was lost, re-sends only the rows a replay cannot harm', async () => {
    await putRow(s.client, stock, { sku: 'b2', available: 5 });
    const c = faulty((op, n) => (op === 'BatchWriteRow' && n === 1 ? 'drop-response' : 'pass'));
    const results = await batchWriteRows(c, stock, [
      { type: 'put', row: { sku: 'b1', available: 1 } },
      { type: 'update', key: { sku: 'b2' }, changes: { increment: { available: -1 } } },
      { type: 'put', row: { sku: 'b3', available: 1 }, condition: { row: 'not-exists' } },
      { type: 'delete', key: { sku: 'b4' } },
    ]);
    expect(proxy.seen.get('BatchWriteRow')).toBe(2);
    expect(results[0]).toEqual({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'AMBIGUOUS_WRITE', cause: { code: 'NETWORK' } } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'AMBIGUOUS_WRITE' } });
    expect(results[3]).toEqual({ ok: true });
    expect((await getRow(s.client, stock, { sku: 'b2' }))?.['available']).toBe(4);
  });

  it('a refused connection was never sent, so even an increment is retried', async () => {
    const retries: string[] = [];
    const c = s.newClient({ ...fast, endpoint: 'http://127.0.0.1:1', onRetry: (e) => retries.push(e.error.code) });
    const err = await incrementCounter(c, stock, { sku: 'x' }, 'hits', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ ambiguous: false, retryable: true });
    expect(retries).toEqual(['NETWORK', 'NETWORK']);
  });
});
