import { crcByte, crcBytes } from './crc8.js';
import { CellOp, HEADER, Tag, ValueType } from './tags.js';
import {
  AUTO_INCREMENT,
  INF_MAX,
  INF_MIN,
  PlainBufferError,
  type CellOperation,
  type CellValue,
  type KeyCell,
  type KeyCellValue,
  type RequestCell,
  type RequestRow,
} from './types.js';

/**
 * Reads one PlainBuffer row as the SDK writes it into requests. The SDK over-sizes its buffers, so
 * bytes after the row checksum are ignored; every cell and row checksum is verified.
 */
export function readRow(bytes: Uint8Array): RequestRow {
  const reader = new Reader(bytes);
  if (reader.u32() !== HEADER) throw new PlainBufferError('Invalid PlainBuffer header.');
  return reader.row();
}

/** Reads a filter's `column_value`: a type byte and its payload, without outer length or checksum. */
export function readSingleValue(bytes: Uint8Array): CellValue {
  const reader = new Reader(bytes);
  const type = reader.u8();
  return reader.payload(type, bytes.length - 1).value as CellValue;
}

const OPS: Record<number, CellOperation> = {
  [CellOp.DELETE_ALL_VERSIONS]: 'delete-all',
  [CellOp.DELETE_ONE_VERSION]: 'delete-one',
  [CellOp.INCREMENT]: 'increment',
};

class Reader {
  private pos = 0;
  private readonly view: DataView;
  private readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  row(): RequestRow {
    let rowCrc = 0;
    const primaryKey: KeyCell[] = [];
    const cells: RequestCell[] = [];
    let tag = this.u8();
    if (tag === Tag.ROW_PK) {
      tag = this.u8();
      while (tag === Tag.CELL) {
        const { cell, crc } = this.cell();
        if (cell.value === undefined || cell.op !== undefined) throw new PlainBufferError('A primary key cell needs a value.');
        primaryKey.push({ name: cell.name, value: cell.value as KeyCellValue });
        rowCrc = crcByte(rowCrc, crc);
        tag = this.u8();
      }
    }
    if (tag === Tag.ROW_DATA) {
      tag = this.u8();
      while (tag === Tag.CELL) {
        const { cell, crc } = this.cell();
        cells.push(cell as RequestCell);
        rowCrc = crcByte(rowCrc, crc);
        tag = this.u8();
      }
    }
    let deleteMarker = false;
    if (tag === Tag.DELETE_ROW_MARKER) {
      deleteMarker = true;
      tag = this.u8();
    }
    rowCrc = crcByte(rowCrc, deleteMarker ? 1 : 0);
    if (tag !== Tag.ROW_CHECKSUM) throw new PlainBufferError(`Expected a row checksum, found tag ${tag}.`);
    if (this.u8() !== rowCrc) throw new PlainBufferError('Row checksum mismatch.');
    return { primaryKey, cells, deleteMarker };
  }

  /** Reads one cell; the CELL tag has been consumed. Verifies the cell checksum. */
  private cell(): { cell: { name: string; value?: unknown; op?: CellOperation; timestamp?: number }; crc: number } {
    if (this.u8() !== Tag.CELL_NAME) throw new PlainBufferError('Expected a cell name.');
    const nameLength = this.u32();
    const nameStart = this.take(nameLength);
    const name = this.buf.toString('utf8', nameStart, nameStart + nameLength);
    let crc = crcBytes(0, this.buf, nameStart, nameStart + nameLength);
    const cell: { name: string; value?: unknown; op?: CellOperation; timestamp?: number } = { name };
    let opByte: number | undefined;
    let tag = this.u8();
    if (tag === Tag.CELL_VALUE) {
      const length = this.u32();
      const typeAt = this.pos;
      const type = this.u8();
      const { value } = this.payload(type, length - 1);
      crc = this.crcValue(crc, type, typeAt + 1, this.pos);
      cell.value = value;
      tag = this.u8();
    }
    if (tag === Tag.CELL_TYPE) {
      opByte = this.u8();
      const op = OPS[opByte];
      if (!op) throw new PlainBufferError(`Unknown cell operation ${opByte}.`);
      cell.op = op;
      tag = this.u8();
    }
    if (tag === Tag.CELL_TIMESTAMP) {
      const at = this.take(8);
      cell.timestamp = Number(this.view.getBigInt64(at, true));
      crc = crcBytes(crc, this.buf, at, at + 8);
      tag = this.u8();
    }
    if (opByte !== undefined) crc = crcByte(crc, opByte);
    if (tag !== Tag.CELL_CHECKSUM) throw new PlainBufferError(`Expected a cell checksum, found tag ${tag}.`);
    if (this.u8() !== crc) throw new PlainBufferError(`Cell checksum mismatch for column '${name}'.`);
    return { cell, crc };
  }

  /** Checksum of a value: the type byte, then for strings and blobs the inner length and bytes. */
  private crcValue(crc: number, type: number, start: number, end: number): number {
    crc = crcByte(crc, type);
    return crcBytes(crc, this.buf, start, end);
  }

  payload(type: number, length: number): { value: unknown } {
    switch (type) {
      case ValueType.INTEGER:
        return { value: this.view.getBigInt64(this.take(8), true) };
      case ValueType.DOUBLE:
        return { value: this.view.getFloat64(this.take(8), true) };
      case ValueType.BOOLEAN:
        return { value: this.u8() !== 0 };
      case ValueType.STRING: {
        const size = this.u32();
        const at = this.take(size);
        return { value: this.buf.toString('utf8', at, at + size) };
      }
      case ValueType.BLOB: {
        const size = this.u32();
        const at = this.take(size);
        return { value: Buffer.from(this.buf.subarray(at, at + size)) };
      }
      case ValueType.INF_MIN:
        return { value: INF_MIN };
      case ValueType.INF_MAX:
        return { value: INF_MAX };
      case ValueType.AUTO_INCREMENT:
        return { value: AUTO_INCREMENT };
      default:
        throw new PlainBufferError(`Unsupported value type ${type} (length ${length}).`);
    }
  }

  u8(): number {
    if (this.pos >= this.buf.length) throw new PlainBufferError('Unexpected end of PlainBuffer.');
    return this.buf[this.pos++]!;
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  private take(size: number): number {
    const at = this.pos;
    if (size < 0 || at + size > this.buf.length) throw new PlainBufferError('Unexpected end of PlainBuffer.');
    this.pos += size;
    return at;
  }
}
