import { AUTO_INCREMENT, INF_MAX, INF_MIN, type KeyCell, type KeyValue } from '../plainbuffer/index.js';
import { invalidParameter, invalidPrimaryKey } from './errors.js';
import type { KeyColumn, TableSchema } from './schema.js';

/**
 * Primary keys are kept as order-preserving strings of byte-sized chars: comparing two encoded
 * keys with `<` gives Tablestore's order (integers signed, strings and binaries bytewise), and the
 * string is also a cheap Map key. A bound at INF_MAX appends U+0100, which is above every byte.
 */
export type EncodedKey = string;

const MAX_KEY_BYTES = 1024;
const ASCII_NO_NUL = /^[\x01-\x7f]*$/;
const ABOVE_ALL = '\u0100';

export function encodeInteger(value: bigint): string {
  const unsigned = BigInt.asUintN(64, value) ^ 0x8000000000000000n;
  let out = '';
  for (let shift = 56n; shift >= 0n; shift -= 8n) out += String.fromCharCode(Number((unsigned >> shift) & 0xffn));
  return out;
}

function encodeBytes(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += byte === 0 ? '\u0000\u0001' : String.fromCharCode(byte);
  return out + '\u0000\u0000';
}

function encodeValue(value: KeyValue): string {
  if (typeof value === 'bigint') return encodeInteger(value);
  if (typeof value === 'string') return ASCII_NO_NUL.test(value) ? value + '\u0000\u0000' : encodeBytes(Buffer.from(value));
  return encodeBytes(value);
}

/** Value type names as the service's messages spell them. */
const VT: Record<KeyColumn['type'], string> = { INTEGER: 'VT_INTEGER', STRING: 'VT_STRING', BINARY: 'VT_BLOB' };

function typeOf(value: KeyCell['value']): string {
  if (typeof value === 'bigint') return VT.INTEGER;
  if (typeof value === 'string') return VT.STRING;
  if (Buffer.isBuffer(value)) return VT.BINARY;
  if (value === INF_MIN) return 'VT_INF_MIN';
  if (value === INF_MAX) return 'VT_INF_MAX';
  return 'VT_AUTO_INCREMENT';
}

function checkShape(schema: TableSchema, cells: readonly KeyCell[]): void {
  if (cells.length !== schema.primaryKey.length) {
    throw invalidPrimaryKey(`Validate PK size fail. Input: ${cells.length}, Meta: ${schema.primaryKey.length}.`);
  }
  cells.forEach((cell, index) => {
    const column = schema.primaryKey[index]!;
    if (cell.name !== column.name) throw invalidPrimaryKey(`Validate PK name fail. Input: ${cell.name}, Meta: ${column.name}.`);
  });
}

function checkValue(column: KeyColumn, value: KeyCell['value']): void {
  if (value === AUTO_INCREMENT || value === INF_MIN || value === INF_MAX) {
    throw invalidParameter(`${typeOf(value)} is not allowed in the primary key column '${column.name}' of this operation.`);
  }
  const type = typeOf(value);
  if (type !== VT[column.type]) throw invalidPrimaryKey(`Validate PK type fail. Input: ${type}, Meta: ${VT[column.type]}.`);
  const size = typeof value === 'string' ? Buffer.byteLength(value) : Buffer.isBuffer(value) ? value.length : 0;
  if (size > MAX_KEY_BYTES) {
    throw invalidParameter(
      `The length of primary key column: '${column.name}' exceeds the MaxLength:${MAX_KEY_BYTES} with CurrentLength:${size}.`,
    );
  }
}

/** A row's full primary key: every column, in schema order, with concrete values of the right type. */
export function encodeRowKey(schema: TableSchema, cells: readonly KeyCell[]): EncodedKey {
  checkShape(schema, cells);
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i]!.value;
    checkValue(schema.primaryKey[i]!, value);
    out += encodeValue(value as KeyValue);
  }
  return out;
}

/** A range bound: like a row key, but INF_MIN and INF_MAX may stand for any column (and end it). */
export function encodeBound(schema: TableSchema, cells: readonly KeyCell[]): EncodedKey {
  checkShape(schema, cells);
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i]!.value;
    if (value === INF_MIN) return out;
    if (value === INF_MAX) return out + ABOVE_ALL;
    if (value === AUTO_INCREMENT) throw invalidParameter('AUTO_INCREMENT is not allowed in a range bound.');
    checkValue(schema.primaryKey[i]!, value);
    out += encodeValue(value);
  }
  return out;
}

/** Checks a primary key that may hold AUTO_INCREMENT in its auto-increment column (PutRow). */
export function checkKeyForPut(schema: TableSchema, cells: readonly KeyCell[]): void {
  checkShape(schema, cells);
  cells.forEach((cell, index) => {
    const column = schema.primaryKey[index]!;
    if (cell.value === AUTO_INCREMENT) {
      if (!column.autoIncrement) throw invalidParameter(`Column '${column.name}' is not an auto-increment primary key.`);
      return;
    }
    checkValue(column, cell.value);
  });
}
