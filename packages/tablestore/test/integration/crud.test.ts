import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  InvalidParameterError,
  TableNotFoundError,
  bindTable,
  defineTable,
  deleteRow,
  ensureTables,
  getRow,
  putRow,
  updateRow,
} from '../../src/index.js';
import { startTestServer, type TestServer } from '../support/ots.js';

const phones = defineTable({ name: 'phones', primaryKey: [{ name: 'phone', type: 'string' }] });
const orders = defineTable({
  name: 'orders',
  primaryKey: [{ name: 'orderId', type: 'string' }],
  columns: { status: 'string', total: 'double', lines: 'integer', paid: 'boolean' },
});
const events = defineTable({
  name: 'events',
  primaryKey: [
    { name: 'streamId', type: 'string' },
    { name: 'seq', type: 'integer', autoIncrement: true },
  ],
});

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
  await ensureTables(s.client, [phones, orders, events]);
});
afterAll(() => s.stop());

describe('get, put, update, delete', () => {
  it('puts and gets plain rows; a missing row is undefined', async () => {
    await putRow(s.client, orders, { orderId: 'o1', status: 'pending', total: 12.5, lines: 2, paid: false, note: 'hi' });
    expect(await getRow(s.client, orders, { orderId: 'o1' })).toEqual({
      orderId: 'o1',
      status: 'pending',
      total: 12.5,
      lines: 2,
      paid: false,
      note: 'hi',
    });
    expect(await getRow(s.client, orders, { orderId: 'o1' }, { columns: ['status'] })).toEqual({
      orderId: 'o1',
      status: 'pending',
    });
    expect(await getRow(s.client, orders, { orderId: 'nope' })).toBeUndefined();
  });

  it('writes a declared double that happens to be whole as DOUBLE', async () => {
    await putRow(s.client, orders, { orderId: 'o2', total: 10 });
    await updateRow(
      s.client,
      orders,
      { orderId: 'o2' },
      { set: { status: 'x' } },
      { condition: { columns: { column: 'total', op: '=', value: 10 } } },
    );
    expect(await getRow(s.client, orders, { orderId: 'o2' })).toEqual({ orderId: 'o2', total: 10, status: 'x' });
  });

  it('enforces uniqueness with row: not-exists', async () => {
    await putRow(s.client, phones, { phone: '+8613800000000', memberId: 'm1' }, { condition: { row: 'not-exists' } });
    const err = await putRow(
      s.client,
      phones,
      { phone: '+8613800000000', memberId: 'm2' },
      { condition: { row: 'not-exists' } },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionFailedError);
    expect(err).toMatchObject({
      code: 'CONDITION_FAILED',
      otsCode: 'OTSConditionCheckFail',
      retryable: false,
      ambiguous: false,
      table: 'phones',
    });
    expect((await getRow(s.client, phones, { phone: '+8613800000000' }))?.['memberId']).toBe('m1');
  });

  it('updates under column conditions composed with and / or / not', async () => {
    const t = bindTable(s.client, orders);
    await t.put({ orderId: 'o3', status: 'pending', lines: 3 });
    const paidIfPending = {
      row: 'exists',
      columns: { and: [{ column: 'status', op: '=', value: 'pending' }, { not: { column: 'lines', op: '<', value: 1 } }] },
    } as const;
    await t.update({ orderId: 'o3' }, { set: { status: 'paid', paid: true }, remove: ['lines'] }, { condition: paidIfPending });
    expect(await t.get({ orderId: 'o3' })).toEqual({ orderId: 'o3', status: 'paid', paid: true });
    await expect(t.update({ orderId: 'o3' }, { set: { status: 'paid' } }, { condition: paidIfPending })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await t.update(
      { orderId: 'o3' },
      { set: { status: 'shipped' } },
      {
        condition: {
          columns: {
            or: [
              { column: 'status', op: '=', value: 'x' },
              { column: 'status', op: '=', value: 'paid' },
            ],
          },
        },
      },
    );
    expect((await t.get({ orderId: 'o3' }))?.['status']).toBe('shipped');
  });

  it('treats a missing column as failing a guard unless passIfMissing', async () => {
    await putRow(s.client, orders, { orderId: 'o4', status: 'new' });
    const guard = { column: 'lines', op: '>=', value: 1 } as const;
    await expect(
      updateRow(s.client, orders, { orderId: 'o4' }, { set: { status: 'a' } }, { condition: { columns: guard } }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    await updateRow(
      s.client,
      orders,
      { orderId: 'o4' },
      { set: { status: 'b' } },
      { condition: { columns: { ...guard, passIfMissing: true } } },
    );
    expect((await getRow(s.client, orders, { orderId: 'o4' }))?.['status']).toBe('b');
  });

  it('creates a row on update unless row: exists', async () => {
    await updateRow(s.client, orders, { orderId: 'o5' }, { set: { status: 'new' } });
    expect(await getRow(s.client, orders, { orderId: 'o5' })).toEqual({ orderId: 'o5', status: 'new' });
    await expect(
      updateRow(s.client, orders, { orderId: 'o6' }, { set: { status: 'new' } }, { condition: { row: 'exists' } }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it('filters a get', async () => {
    expect(
      await getRow(s.client, orders, { orderId: 'o5' }, { filter: { column: 'status', op: '=', value: 'new' } }),
    ).toBeDefined();
    expect(
      await getRow(s.client, orders, { orderId: 'o5' }, { filter: { column: 'status', op: '!=', value: 'new' } }),
    ).toBeUndefined();
  });

  it('deletes, with and without a condition', async () => {
    await deleteRow(s.client, orders, { orderId: 'o5' }, { condition: { row: 'exists' } });
    expect(await getRow(s.client, orders, { orderId: 'o5' })).toBeUndefined();
    await deleteRow(s.client, orders, { orderId: 'o5' });
    await expect(deleteRow(s.client, orders, { orderId: 'o5' }, { condition: { row: 'exists' } })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
  });

  it('returns generated auto-increment keys', async () => {
    const a = await putRow(s.client, events, { streamId: 's1', kind: 'created' });
    const b = await putRow(s.client, events, { streamId: 's1', kind: 'paid' });
    expect(a.key['streamId']).toBe('s1');
    expect(typeof a.key['seq'] === 'number' || typeof a.key['seq'] === 'bigint').toBe(true);
    expect(BigInt(b.key['seq'] as number) > BigInt(a.key['seq'] as number)).toBe(true);
    expect(await getRow(s.client, events, b.key as { streamId: string; seq: number })).toEqual({ ...b.key, kind: 'paid' });
  });
});

describe('errors', () => {
  it('types a missing table', async () => {
    const ghost = defineTable({ name: 'ghost', primaryKey: [{ name: 'id', type: 'string' }] });
    const err = await getRow(s.client, ghost, { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TableNotFoundError);
    expect(err).toMatchObject({
      code: 'TABLE_NOT_FOUND',
      otsCode: 'OTSObjectNotExist',
      httpStatus: 404,
      operation: 'GetRow',
      table: 'ghost',
    });
    expect((err as TableNotFoundError).requestId).toBeTruthy();
    await expect(putRow(s.client, ghost, { id: 'x', a: 1 })).rejects.toBeInstanceOf(TableNotFoundError);
  });

  it('rejects invalid input before sending it', async () => {
    await expect(putRow(s.client, orders, { orderId: 'o9', lines: 1.5 })).rejects.toBeInstanceOf(InvalidParameterError);
    await expect(getRow(s.client, orders, { orderId: 'o9', extra: 1 } as never)).rejects.toThrow(/not a primary key column/);
  });

  it('types an authentication failure', async () => {
    const bad = s.newClient({ accessKeySecret: 'wrong' });
    await expect(getRow(bad, orders, { orderId: 'o1' })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      otsCode: 'OTSAuthFailed',
      retryable: false,
    });
  });
});
