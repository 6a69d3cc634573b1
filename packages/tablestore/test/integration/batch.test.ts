import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  InvalidParameterError,
  TableNotFoundError,
  batchGetRows,
  batchWriteRows,
  defineTable,
  ensureTables,
  getRow,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const items = defineTable({ name: 'items', primaryKey: [{ name: 'id', type: 'string' }], columns: { stock: 'integer' } });
const N = 450;
const key = (i: number) => ({ id: `sku-${String(i).padStart(4, '0')}` });

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [items]);
});
afterAll(() => s.stop());

describe('batches', () => {
  it(`writes ${N} rows in chunks of 200 and reads them back in chunks of 100, in order`, async () => {
    const written = await batchWriteRows(
      s.client,
      items,
      Array.from({ length: N }, (_, i) => ({ type: 'put' as const, row: { ...key(i), stock: i } })),
    );
    expect(written).toHaveLength(N);
    expect(written.every((r) => r.ok)).toBe(true);
    const keys = [...Array.from({ length: N }, (_, i) => key(i)), { id: 'missing' }, key(3)];
    const read = await batchGetRows(s.client, items, keys);
    expect(read).toHaveLength(N + 2);
    read.slice(0, N).forEach((r, i) => expect(r).toEqual({ ok: true, key: key(i), row: { ...key(i), stock: i } }));
    expect(read[N]).toEqual({ ok: true, key: { id: 'missing' }, row: undefined });
    expect(read[N + 1]).toEqual({ ok: true, key: key(3), row: { ...key(3), stock: 3 } });
  });

  it('gives per-row results: condition failures do not fail the rest', async () => {
    const results = await batchWriteRows(s.client, items, [
      {
        type: 'update',
        key: key(1),
        changes: { increment: { stock: -1 } },
        condition: { columns: { column: 'stock', op: '>=', value: 1 } },
      },
      {
        type: 'update',
        key: key(0),
        changes: { increment: { stock: -1 } },
        condition: { columns: { column: 'stock', op: '>=', value: 1 } },
      },
      { type: 'put', row: { ...key(2), stock: 99 }, condition: { row: 'not-exists' } },
      { type: 'put', row: { id: 'fresh', stock: 1 }, condition: { row: 'not-exists' } },
      { type: 'delete', key: key(4) },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true, true]);
    const failed = results[1];
    expect(failed && !failed.ok && failed.error).toBeInstanceOf(ConditionFailedError);
    expect((await getRow(s.client, items, key(1)))?.['stock']).toBe(0);
    expect((await getRow(s.client, items, key(2)))?.['stock']).toBe(2);
    expect(await getRow(s.client, items, key(4))).toBeUndefined();
  });

  it('reports a missing table per row instead of throwing', async () => {
    const ghost = defineTable({ name: 'ghost', primaryKey: [{ name: 'id', type: 'string' }] });
    const w = await batchWriteRows(s.client, ghost, [{ type: 'put', row: { id: 'a' } }]);
    expect(w[0] && !w[0].ok && w[0].error).toBeInstanceOf(TableNotFoundError);
    const r = await batchGetRows(s.client, ghost, [{ id: 'a' }]);
    expect(r[0] && !r[0].ok && r[0].error).toBeInstanceOf(TableNotFoundError);
  });

  it('refuses invalid batches before sending anything', async () => {
    await expect(
      batchWriteRows(s.client, items, [
        { type: 'put', row: { id: 'x' } },
        { type: 'delete', key: { id: 'x' } },
      ]),
    ).rejects.toBeInstanceOf(InvalidParameterError);
    expect(await getRow(s.client, items, { id: 'x' })).toBeUndefined();
  });
});
