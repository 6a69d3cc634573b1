import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INT64_MAX,
  INT64_MIN,
  defineTable,
  double,
  ensureTables,
  getRow,
  putRow,
  scanRange,
  updateRow,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const nums = defineTable({ name: 'nums', primaryKey: [{ name: 'k', type: 'integer' }], columns: { ratio: 'double' } });
const SAFE = Number.MAX_SAFE_INTEGER;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [nums]);
});
afterAll(() => s.stop());

describe('int64 round trips', () => {
  it.each([0, 1, -1, SAFE, -SAFE, BigInt(SAFE) + 2n, -(2n ** 60n) - 1n, INT64_MAX, INT64_MIN])(
    '%s as key and value',
    async (v) => {
      await putRow(s.client, nums, { k: v, v, big: 2n ** 62n + 1n });
      const row = await getRow(s.client, nums, { k: v });
      expect(row).toEqual({ k: v, v, big: 2n ** 62n + 1n });
    },
  );

  it('keeps integer-valued doubles DOUBLE and integers INTEGER (conditions compare by type)', async () => {
    await putRow(s.client, nums, { k: 100, ratio: 2, count: 2, other: double(3) });
    const sameTypeInt = updateRow(
      s.client,
      nums,
      { k: 100 },
      { set: { t: 'a' } },
      { condition: { columns: { column: 'count', op: '=', value: 2 } } },
    );
    await expect(sameTypeInt).resolves.toBeDefined();
    await updateRow(
      s.client,
      nums,
      { k: 100 },
      { set: { t: 'b' } },
      { condition: { columns: { column: 'other', op: '=', value: double(3) } } },
    );
    await updateRow(
      s.client,
      nums,
      { k: 100 },
      { set: { t: 'c' } },
      { condition: { columns: { column: 'ratio', op: '>', value: 1.5 } } },
    );
    expect(await getRow(s.client, nums, { k: 100 })).toEqual({ k: 100, ratio: 2, count: 2, other: 3, t: 'c' });
  });

  it('orders integer keys as signed 64-bit', async () => {
    const keys: unknown[] = [];
    for await (const row of scanRange(s.client, nums)) keys.push(row['k']);
    const asBig = keys.map((k) => BigInt(k as number));
    expect([...asBig].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(asBig);
    expect(keys[0]).toBe(INT64_MIN);
    expect(keys.at(-1)).toBe(INT64_MAX);
  });
});
