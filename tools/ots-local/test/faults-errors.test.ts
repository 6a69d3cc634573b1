/** Injected errors, latency and lost answers, as the unmodified SDK sees them (local only). */
import { describe, expect, it } from 'vitest';
import type { FaultErrorName } from '../src/index.js';
import { expectOtsError, failureOf } from './support/errors.js';
import { put, readN, useFaultTarget } from './support/faults.js';
import { cond } from './support/values.js';

const t = useFaultTarget();

const SHAPES: Array<[FaultErrorName, number, string]> = [
  ['OTSServerBusy', 503, 'Server is busy.'],
  ['OTSTimeout', 503, 'Operation timeout.'],
  ['OTSPartitionUnavailable', 503, 'The partition is not available.'],
  ['OTSServerUnavailable', 503, 'Server is not available.'],
  ['OTSQuotaExhausted', 403, 'Too frequent table operations.'],
  ['OTSNotEnoughCapacityUnit', 403, 'Remaining capacity unit for read is not enough.'],
  ['OTSCapacityUnitExhausted', 403, 'The reserved capacity units of the table are exhausted.'],
];

describe('error rules', () => {
  it.each(SHAPES)(
    '%s: answered with HTTP %i and the service message, before anything is applied',
    async (error, status, message) => {
      await t.faults.set([{ fault: 'error', operation: 'PutRow', error }]);
      const f = await expectOtsError(put(t.client, 'stock', `e-${error}`, 1), error, status);
      expect(f.raw).toContain(message); // the length byte before it may be printable: compare the tail
      expect(f.text.endsWith(message)).toBe(true);
      await t.faults.clear();
      expect(await readN(t.client, 'stock', `e-${error}`)).toBeUndefined();
    },
  );

  it("'503' is a bare 503 with an empty body: the SDK has only the status", async () => {
    await t.faults.set([{ fault: 'error', error: '503' }]);
    const f = await failureOf(t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'x' }] }));
    await t.faults.clear();
    expect(f.status).toBe(503);
    expect(f.otsCode).toBeUndefined();
  });

  it('matches by operation and table only', async () => {
    await t.faults.set([{ id: 'busy', fault: 'error', operation: 'PutRow', table: 'stock', error: 'OTSServerBusy' }]);
    await put(t.client, 'other', 'm1', 1);
    await t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'm1' }] });
    await expectOtsError(put(t.client, 'stock', 'm1', 1), 'OTSServerBusy', 503);
    expect(await t.faults.stats()).toEqual({ busy: { matched: 1, fired: 1 } });
  });

  it('a batch matches when any of its tables does', async () => {
    await t.faults.set([{ fault: 'error', operation: 'BatchGetRow', table: 'other', error: 'OTSServerBusy' }]);
    const batch = t.client.batchGetRow({
      tables: [
        { tableName: 'stock', primaryKey: [[{ id: 'a' }]] },
        { tableName: 'other', primaryKey: [[{ id: 'a' }]] },
      ],
    });
    await expectOtsError(batch, 'OTSServerBusy', 503);
  });

  it('everyNth fires on the Nth, 2Nth... matching call, and times caps it', async () => {
    await t.faults.set([{ id: 'n', fault: 'error', operation: 'GetRow', error: 'OTSServerBusy', everyNth: 2, times: 2 }]);
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const ok = await t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'n' }] }).then(
        () => 'ok',
        () => 'busy',
      );
      outcomes.push(ok);
    }
    expect(outcomes).toEqual(['ok', 'busy', 'ok', 'busy', 'ok', 'ok', 'ok']);
    expect((await t.faults.state()).counters.n).toEqual({ matched: 7, fired: 2 });
  });

  it('probability draws from the seed: the same seed fires on the same calls', async () => {
    const run = async (seed: number) => {
      await t.faults.set({ seed, rules: [{ fault: 'error', operation: 'GetRow', error: 'OTSServerBusy', probability: 0.3 }] });
      const fired: number[] = [];
      for (let i = 0; i < 40; i++) {
        await t.client.getRow({ tableName: 'stock', primaryKey: [{ id: 'p' }] }).catch(() => fired.push(i));
      }
      return fired;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(40);
    expect((await t.faults.state()).totals.error).toBe(first.length);
  });
});

describe('latency rules', () => {
  it('delay the call, which then succeeds; the counters show it', async () => {
    await t.faults.set([{ id: 'slow', fault: 'latency', operation: 'PutRow', ms: [5, 20] }]);
    await put(t.client, 'stock', 'slow', 3);
    expect(await readN(t.client, 'stock', 'slow')).toBe(3);
    expect((await t.faults.state()).counters.slow).toEqual({ matched: 1, fired: 1 });
  });
});

describe('lose-response rules', () => {
  it("'reset': the write is applied, and the client sees the connection fail", async () => {
    await t.faults.set([{ fault: 'lose-response', operation: 'PutRow', times: 1 }]);
    const f = await failureOf(put(t.client, 'stock', 'lost', 5));
    expect(f.status).toBe('NetworkingError');
    expect(f.raw).toMatch(/ECONNRESET|socket hang up/);
    expect(await readN(t.client, 'stock', 'lost')).toBe(5);
    await put(t.client, 'stock', 'lost', 6); // the next call is answered
    expect(await readN(t.client, 'stock', 'lost')).toBe(6);
  });

  it("'hang': the write is applied, and the answer never comes before the client's timeout", async () => {
    await t.faults.set([{ fault: 'lose-response', operation: 'UpdateRow', mode: 'hang' }]);
    const update = t.impatient.updateRow({
      tableName: 'stock',
      condition: cond.ignore(),
      primaryKey: [{ id: 'hung' }],
      updateOfAttributeColumns: [{ PUT: [{ n: 9 }] }],
    });
    const f = await failureOf(update);
    expect(f.raw).toMatch(/timed out/i);
    await t.faults.clear();
    expect(await readN(t.client, 'stock', 'hung')).toBe(9);
  });
});
