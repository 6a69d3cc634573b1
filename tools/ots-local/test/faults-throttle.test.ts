/** Reserved throughput per table: token buckets of capacity units, OTSCapacityUnitExhausted beyond them. */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import { put, readN, useFaultTarget } from './support/faults.js';
import { INF_MAX, INF_MIN } from './support/tables.js';
import { sleep } from './support/values.js';

const t = useFaultTarget();
// A rate this low never refills within a test: what is left in the bucket is exactly the burst.
const NEVER = 0.0001;

describe('throttle rules', () => {
  it('refuse writes beyond the bucket with 403 OTSCapacityUnitExhausted, applying nothing', async () => {
    await t.faults.set([{ id: 'cap', fault: 'throttle', table: 'stock', writeCUPerSecond: NEVER, burst: 2 }]);
    await put(t.client, 'stock', 't1', 1);
    await put(t.client, 'stock', 't2', 1);
    const f = await expectOtsError(put(t.client, 'stock', 't3', 1), 'OTSCapacityUnitExhausted', 403);
    expect(f.raw).toContain("table 'stock'");
    expect(await readN(t.client, 'stock', 't3')).toBeUndefined(); // reads are not limited by a write rule
    await put(t.client, 'other', 't3', 1); // nor are other tables
    expect((await t.faults.state()).counters.cap).toEqual({ matched: 3, fired: 1 });
  });

  it('charge what a call consumed: 1 CU per started 4 KB', async () => {
    await t.faults.set([{ fault: 'throttle', table: 'stock', writeCUPerSecond: NEVER, burst: 10 }]);
    const big = (await put(t.client, 'stock', 'big1', 1, 18_000)) as { consumed: { capacityUnit: { write: number } } };
    expect(big.consumed.capacityUnit.write).toBe(5);
    await put(t.client, 'stock', 'big2', 1, 18_000); // the last 5 units
    await expectOtsError(put(t.client, 'stock', 'small', 1), 'OTSCapacityUnitExhausted', 403);
  });

  it('limit reads by the units a range read consumed, per table with *', async () => {
    for (let i = 0; i < 3; i++) await put(t.client, 'other', `r${i}`, i, 5_000); // 2 read CU each
    await t.faults.set([{ fault: 'throttle', table: '*', readCUPerSecond: NEVER, burst: 4 }]);
    const range = {
      direction: 'FORWARD' as const,
      inclusiveStartPrimaryKey: [{ id: INF_MIN }],
      exclusiveEndPrimaryKey: [{ id: INF_MAX }],
    };
    await t.client.getRange({ tableName: 'other', ...range }); // at least 6 units: the bucket is in debt
    await expectOtsError(t.client.getRange({ tableName: 'other', ...range }), 'OTSCapacityUnitExhausted', 403);
    await t.client.getRange({ tableName: 'stock', ...range }); // its own bucket
    await put(t.client, 'other', 'w', 1); // writes are not limited by a read rule
  });

  it('let calls through again once the bucket has refilled', async () => {
    await t.faults.set([{ fault: 'throttle', table: 'stock', writeCUPerSecond: 20, burst: 1 }]);
    await put(t.client, 'stock', 'debt', 1, 40_000); // 10 units: half a second of debt
    await expectOtsError(put(t.client, 'stock', 'after', 1), 'OTSCapacityUnitExhausted', 403);
    let refusals = 0;
    for (;;) {
      const ok = await put(t.client, 'stock', 'after', 2).then(
        () => true,
        () => false,
      );
      if (ok) break;
      refusals += 1;
      expect(refusals, 'still refused after 5 s at 20 units per second').toBeLessThan(100);
      await sleep(50);
    }
    expect(await readN(t.client, 'stock', 'after')).toBe(2);
  });
});
