import { describe, expect, it } from 'vitest';
import { InvalidParameterError, defineTable, double } from '../../src/index.js';
import { encodeKey } from '../../src/keys.js';
import { decodeRow, encodeAttributes, splitRow } from '../../src/rows.js';
import { encodeUpdateChanges } from '../../src/update-changes.js';
import { toSdkInt64 } from '../../src/int64.js';
import { isSdkInt64 } from '../../src/sdk/sdk.js';
import { encodeCell } from '../../src/values.js';

const t = defineTable({
  name: 'p',
  primaryKey: [
    { name: 'id', type: 'string' },
    { name: 'n', type: 'integer' },
  ],
  columns: { price: 'double', qty: 'integer', flag: 'boolean', blob: 'binary' },
});

describe('values', () => {
  it('never writes a plain integer as DOUBLE', () => {
    expect(isSdkInt64(encodeCell(t, 'anything', 1))).toBe(true);
    expect(isSdkInt64(encodeCell(t, 'qty', 2n ** 60n))).toBe(true);
    expect(encodeCell(t, 'price', 1)).toBe(1);
    expect(encodeCell(t, 'anything', double(1))).toBe(1);
    expect(() => encodeCell(t, 'anything', 1.5)).toThrow(/declare the column 'double' or use double/);
    expect(() => encodeCell(t, 'qty', double(1))).toThrow(/declared 'integer'/);
    expect(() => encodeCell(t, 'price', Number.POSITIVE_INFINITY)).toThrow(InvalidParameterError);
    expect(() => encodeCell(t, 'flag', 'yes')).toThrow(/declared 'boolean'/);
    expect(Buffer.isBuffer(encodeCell(t, 'blob', new Uint8Array([1, 2])))).toBe(true);
  });

  it('orders key columns by definition, not by object order', () => {
    const k = encodeKey(t, { n: 5, id: 'a' });
    expect(Object.keys(k[0] ?? {})).toEqual(['id']);
    expect(Object.keys(k[1] ?? {})).toEqual(['n']);
    expect(() => encodeKey(t, { id: 'a' })).toThrow(/p.n: primary key column is missing/);
    expect(() => encodeKey(t, { id: 'a', n: 'x' })).toThrow(/expected a integer/);
  });

  it('splits rows into key and attributes, skipping null and undefined', () => {
    const { key, attributes } = splitRow(t, { id: 'a', n: 1, qty: 3, gone: undefined, nil: null });
    expect(key).toEqual({ id: 'a', n: 1 });
    expect(attributes).toEqual([['qty', 3]]);
    expect(() => encodeAttributes(t, [['timestamp', 1]])).toThrow(/timestamp/);
  });

  it('decodes SDK rows into plain objects, keeping the newest version', () => {
    const row = decodeRow({
      primaryKey: [
        { name: 'id', value: 'a' },
        { name: 'n', value: toSdkInt64(2n ** 60n) },
      ],
      attributes: [
        { columnName: 'qty', columnValue: toSdkInt64(3), timestamp: null },
        { columnName: 'qty', columnValue: toSdkInt64(2), timestamp: null },
        { columnName: 'price', columnValue: 9.5, timestamp: null },
      ],
    });
    expect(row).toEqual({ id: 'a', n: 2n ** 60n, qty: 3, price: 9.5 });
    expect(decodeRow({})).toBeUndefined();
  });

  it('encodes update changes and refuses contradictions', () => {
    const { columns, increments } = encodeUpdateChanges(t, {
      set: { price: 2, note: null, skip: undefined },
      remove: ['old'],
      increment: { qty: -1 },
    });
    expect(increments).toEqual(['qty']);
    expect(columns.map((c) => Object.keys(c as object)[0])).toEqual(['PUT', 'DELETE_ALL', 'INCREMENT']);
    expect((columns[1] as { DELETE_ALL: string[] }).DELETE_ALL).toEqual(['note', 'old']);
    expect(() => encodeUpdateChanges(t, { set: { qty: 1 }, increment: { qty: 1 } })).toThrow(/changed twice/);
    expect(() => encodeUpdateChanges(t, { increment: { price: 1 } })).toThrow(/only integer columns/);
    expect(() => encodeUpdateChanges(t, { set: { id: 'b' } })).toThrow(/primary key column/);
    expect(() => encodeUpdateChanges(t, {})).toThrow(/at least one change/);
  });
});
