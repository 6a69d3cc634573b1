import { describe, expect, it } from 'vitest';
import { encodeBound, encodeRowKey } from '../../src/engine/keys.js';
import type { TableSchema } from '../../src/engine/schema.js';
import { DEFAULT_OPTIONS } from '../../src/engine/schema.js';
import { INF_MAX, INF_MIN, type KeyValue } from '../../src/plainbuffer/index.js';

const schema = (...types: ('INTEGER' | 'STRING' | 'BINARY')[]): TableSchema => ({
  name: 't',
  primaryKey: types.map((type, i) => ({ name: `k${i}`, type, autoIncrement: false })),
  definedColumns: [],
  options: DEFAULT_OPTIONS,
  reservedRead: 0,
  reservedWrite: 0,
  lastIncreaseTime: 0,
});
const key = (table: TableSchema, ...values: KeyValue[]) =>
  encodeRowKey(
    table,
    values.map((value, i) => ({ name: `k${i}`, value })),
  );

describe('encoded primary keys', () => {
  it('order integers as signed 64-bit values', () => {
    const table = schema('INTEGER');
    const values = [-(2n ** 63n), -1000n, -1n, 0n, 1n, 255n, 256n, 2n ** 53n + 1n, 2n ** 63n - 1n];
    const encoded = values.map((value) => key(table, value));
    expect([...encoded].sort()).toEqual(encoded);
  });

  it('order strings and binaries bytewise, a prefix first, NUL bytes included', () => {
    const table = schema('STRING', 'INTEGER');
    const strings = ['', 'a', 'a\u0000', 'a\u0000b', 'a\u0001', 'ab', 'b', 'é', '门店', '\u{1F600}'];
    const sortedBytes = [...strings].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    const encoded = sortedBytes.map((value) => key(table, value, 0n));
    expect([...encoded].sort()).toEqual(encoded);
    const binary = schema('BINARY');
    expect(key(binary, Buffer.from([1])) < key(binary, Buffer.from([1, 0]))).toBe(true);
    expect(key(binary, Buffer.from([1, 0])) < key(binary, Buffer.from([1, 0, 0]))).toBe(true);
  });

  it('order by the first column, then the next', () => {
    const table = schema('STRING', 'INTEGER');
    expect(key(table, 'a', 99n) < key(table, 'ab', -5n)).toBe(true);
    expect(key(table, 'a', -5n) < key(table, 'a', 99n)).toBe(true);
  });

  it('place INF_MIN and INF_MAX bounds around every key with the same prefix', () => {
    const table = schema('STRING', 'INTEGER');
    const bound = (first: KeyValue | typeof INF_MIN | typeof INF_MAX, second: bigint | typeof INF_MIN | typeof INF_MAX) =>
      encodeBound(table, [
        { name: 'k0', value: first },
        { name: 'k1', value: second },
      ]);
    const row = key(table, 'shop', 2n ** 63n - 1n);
    expect(bound('shop', INF_MIN) <= key(table, 'shop', -(2n ** 63n))).toBe(true);
    expect(bound('shop', INF_MAX) > row).toBe(true);
    expect(bound('shop', INF_MAX) < key(table, 'shop\u0000', 0n)).toBe(true);
    expect(bound(INF_MAX, INF_MIN) > key(table, '\u{10FFFF}', 0n)).toBe(true);
  });

  it('refuse keys of the wrong shape with the service messages', () => {
    const table = schema('STRING', 'INTEGER');
    expect(() => key(table, 'a')).toThrow('Validate PK size fail. Input: 1, Meta: 2.');
    expect(() => key(table, 'a', 'b')).toThrow('Validate PK type fail. Input: VT_STRING, Meta: VT_INTEGER.');
    expect(() => key(table, 'x'.repeat(1025), 1n)).toThrow(/exceeds the MaxLength:1024/);
  });
});
