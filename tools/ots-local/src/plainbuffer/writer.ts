import { crcByte, crcBytes } from './crc8.js';
import { HEADER, Tag, ValueType } from './tags.js';
import type { CellValue, KeyValue, ResponseRow } from './types.js';

/**
 * Writes rows the way the real service returns them: one header, then each row with its cells,
 * timestamps and checksums, and no trailing bytes (the SDK reads rows until the buffer ends).
 * No CELL_TYPE tag is ever written: the SDK's reader crashes on one.
 */
export function writeRows(rows: readonly ResponseRow[]): Buffer {
  const out = new ByteWriter(256);
  out.u32(HEADER);
  for (const row of rows) writeRow(out, row);
  return out.finish();
}

/** A primary key alone, as `next_start_primary_key` carries it. */
export function writePrimaryKey(primaryKey: ResponseRow['primaryKey']): Buffer {
  return writeRows([{ primaryKey, cells: [] }]);
}

function writeRow(out: ByteWriter, row: ResponseRow): void {
  let rowCrc = 0;
  out.u8(Tag.ROW_PK);
  for (const key of row.primaryKey) rowCrc = crcByte(rowCrc, writeCell(out, key.name, key.value, undefined));
  if (row.cells.length > 0) {
    out.u8(Tag.ROW_DATA);
    for (const cell of row.cells) rowCrc = crcByte(rowCrc, writeCell(out, cell.name, cell.value, cell.timestamp));
  }
  rowCrc = crcByte(rowCrc, 0);
  out.u8(Tag.ROW_CHECKSUM);
  out.u8(rowCrc);
}

function writeCell(out: ByteWriter, name: string, value: CellValue | KeyValue, timestamp: number | undefined): number {
  out.u8(Tag.CELL);
  out.u8(Tag.CELL_NAME);
  const nameStart = out.lengthPrefixedUtf8(name);
  let crc = crcBytes(0, out.buf, nameStart, out.pos);
  out.u8(Tag.CELL_VALUE);
  const lengthAt = out.reserve(4);
  const typeAt = out.pos;
  writeValue(out, value);
  out.buf.writeUInt32LE(out.pos - typeAt, lengthAt);
  crc = crcBytes(crc, out.buf, typeAt, out.pos);
  if (timestamp !== undefined) {
    out.u8(Tag.CELL_TIMESTAMP);
    const at = out.reserve(8);
    out.buf.writeBigInt64LE(BigInt(timestamp), at);
    crc = crcBytes(crc, out.buf, at, at + 8);
  }
  out.u8(Tag.CELL_CHECKSUM);
  out.u8(crc);
  return crc;
}

function writeValue(out: ByteWriter, value: CellValue | KeyValue): void {
  if (typeof value === 'bigint') {
    out.u8(ValueType.INTEGER);
    const at = out.reserve(8);
    out.buf.writeBigInt64LE(value, at);
  } else if (typeof value === 'string') {
    out.u8(ValueType.STRING);
    out.lengthPrefixedUtf8(value);
  } else if (typeof value === 'number') {
    out.u8(ValueType.DOUBLE);
    const at = out.reserve(8);
    out.buf.writeDoubleLE(value, at);
  } else if (typeof value === 'boolean') {
    out.u8(ValueType.BOOLEAN);
    out.u8(value ? 1 : 0);
  } else {
    out.u8(ValueType.BLOB);
    out.u32(value.length);
    const at = out.reserve(value.length);
    value.copy(out.buf, at);
  }
}

class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  // Each write reserves before it touches `buf`: reserving may replace the buffer.
  u8(value: number): void {
    const at = this.reserve(1);
    this.buf[at] = value;
  }

  u32(value: number): void {
    const at = this.reserve(4);
    this.buf.writeUInt32LE(value, at);
  }

  /** Writes a u32 byte length then the UTF-8 bytes; returns where the bytes start. */
  lengthPrefixedUtf8(text: string): number {
    const size = Buffer.byteLength(text);
    this.u32(size);
    const at = this.reserve(size);
    this.buf.write(text, at, size, 'utf8');
    return at;
  }

  /** Makes room for `size` bytes and returns their offset. */
  reserve(size: number): number {
    const at = this.pos;
    const needed = at + size;
    if (needed > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, at);
      this.buf = grown;
    }
    this.pos = needed;
    return at;
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
