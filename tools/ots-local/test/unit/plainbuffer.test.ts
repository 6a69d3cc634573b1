import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readRow, writeRows, AUTO_INCREMENT, INF_MAX, INF_MIN, type ResponseRow } from '../../src/plainbuffer/index.js';

// The SDK's own PlainBuffer writer and reader are the reference: whatever it writes we must read,
// and whatever we write it must read back unchanged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sdk: any = createRequire(import.meta.url)('tablestore');
const TableStore = sdk;
const long = (n: number) => sdk.Long.fromNumber(n);

function sdkReadRows(bytes: Buffer) {
  // The SDK reads `buffer` (the whole ArrayBuffer) from `offset` to `limit`, as its decoder sets them.
  const input = new sdk.PlainBufferInputStream({
    buffer: bytes.buffer,
    offset: bytes.byteOffset,
    limit: bytes.byteOffset + bytes.length,
  });
  return new sdk.PlainBufferCodedInputStream(input).readRows();
}

describe('PlainBuffer reader', () => {
  it('reads a PutRow row of every type, with timestamps, as the SDK writes it', () => {
    const bytes: Buffer = sdk.PlainBufferBuilder.serializeForPutRow(
      [{ id: 'shop-1' }, { n: long(-7) }, { b: Buffer.from([0, 1, 2]) }],
      [{ s: '门店 ✓' }, { i: long(2 ** 40) }, { d: 2.5 }, { t: true, timestamp: 1_700_000_000_123 }, { x: Buffer.from('xy') }],
    );
    const row = readRow(bytes);
    expect(row.primaryKey).toEqual([
      { name: 'id', value: 'shop-1' },
      { name: 'n', value: -7n },
      { name: 'b', value: Buffer.from([0, 1, 2]) },
    ]);
    expect(row.cells).toEqual([
      { name: 's', value: '门店 ✓' },
      { name: 'i', value: 2n ** 40n },
      { name: 'd', value: 2.5 },
      { name: 't', value: true, timestamp: 1_700_000_000_123 },
      { name: 'x', value: Buffer.from('xy') },
    ]);
    expect(row.deleteMarker).toBe(false);
  });

  it('reads UpdateRow operations: put with timestamp, delete one version, delete all, increment', () => {
    const bytes: Buffer = sdk.PlainBufferBuilder.serializeForUpdateRow(
      [{ id: 'a' }],
      [
        { PUT: [{ p: 'v', timestamp: 1_700_000_000_000 }] },
        { DELETE: [{ old: long(1_600_000_000_000) }] },
        { DELETE_ALL: ['gone'] },
        { INCREMENT: [{ stock: long(-3) }] },
      ],
    );
    expect(readRow(bytes).cells).toEqual([
      { name: 'p', value: 'v', timestamp: 1_700_000_000_000 },
      { name: 'old', op: 'delete-one', timestamp: 1_600_000_000_000 },
      { name: 'gone', op: 'delete-all' },
      { name: 'stock', value: -3n, op: 'increment' },
    ]);
  });

  it('reads range bounds, auto-increment placeholders and the delete marker', () => {
    const bound = readRow(sdk.PlainBufferBuilder.serializePrimaryKey([{ a: TableStore.INF_MIN }, { b: TableStore.INF_MAX }]));
    expect(bound.primaryKey.map((cell) => cell.value)).toEqual([INF_MIN, INF_MAX]);
    const put = readRow(sdk.PlainBufferBuilder.serializeForPutRow([{ a: 'x' }, { seq: TableStore.PK_AUTO_INCR }], []));
    expect(put.primaryKey[1]!.value).toBe(AUTO_INCREMENT);
    expect(readRow(sdk.PlainBufferBuilder.serializeForDeleteRow([{ id: 'a' }])).deleteMarker).toBe(true);
  });

  it('refuses a row whose checksum does not match', () => {
    const bytes = Buffer.from(sdk.PlainBufferBuilder.serializeForPutRow([{ id: 'a' }], [{ v: 'hello' }]));
    const at = bytes.indexOf('hello');
    bytes[at] = 'j'.charCodeAt(0);
    expect(() => readRow(bytes)).toThrow(/checksum/i);
  });
});

describe('PlainBuffer writer', () => {
  it('writes many rows that the SDK reads back unchanged, past the initial buffer size', () => {
    const rows: ResponseRow[] = Array.from({ length: 300 }, (_, i) => ({
      primaryKey: [
        { name: 'id', value: `row-${i}` },
        { name: 'n', value: BigInt(i) - 150n },
      ],
      cells: [
        { name: 'blob', value: Buffer.alloc(i % 7, i), timestamp: 1_700_000_000_000 + i },
        { name: 'big', value: 2n ** 62n + BigInt(i), timestamp: 1 },
        { name: 'd', value: i / 3, timestamp: 2 },
        { name: 'flag', value: i % 2 === 0, timestamp: 3 },
        { name: 'text', value: `门店-${'x'.repeat(i)}`, timestamp: 4 },
      ],
    }));
    const decoded = sdkReadRows(writeRows(rows));
    expect(decoded).toHaveLength(300);
    decoded.forEach(
      (
        row: {
          primaryKey: { name: string; value: unknown }[];
          attributes: { columnName: string; columnValue: unknown; timestamp: { toNumber(): number } }[];
        },
        i: number,
      ) => {
        expect(row.primaryKey[0]).toEqual({ name: 'id', value: `row-${i}` });
        expect(String(row.primaryKey[1]!.value)).toBe(String(i - 150));
        const [blob, big, d, flag, text] = row.attributes;
        expect(blob!.columnValue).toEqual(Buffer.alloc(i % 7, i));
        expect(blob!.timestamp.toNumber()).toBe(1_700_000_000_000 + i);
        expect(String(big!.columnValue)).toBe(String(2n ** 62n + BigInt(i)));
        expect(d!.columnValue).toBe(i / 3);
        expect(flag!.columnValue).toBe(i % 2 === 0);
        expect(text!.columnValue).toBe(`门店-${'x'.repeat(i)}`);
      },
    );
  });
});
