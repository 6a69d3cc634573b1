import { Double } from './double.js';
import { InvalidParameterError } from './errors.js';
import { fromSdkInt64, toSdkInt64 } from './int64.js';
import { isSdkInt64 } from './sdk/sdk.js';
import type { ColumnType, TableDefinition } from './types/table.js';
import type { CellValue, ReadValue } from './types/values.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Names must be ASCII identifiers (the SDK writes name lengths as JS string lengths). */
export function checkName(name: string, what: string): void {
  if (!NAME.test(name)) {
    throw new InvalidParameterError(`${what} '${name}' must match [A-Za-z_][A-Za-z0-9_]* (1-255 chars)`);
  }
}

/** Attribute names: also not 'timestamp', which the SDK reads as the cell version of its object. */
export function checkColumnName(name: string): void {
  checkName(name, 'column name');
  if (name === 'timestamp') {
    throw new InvalidParameterError(
      "column name 'timestamp' cannot be written through the SDK (it takes it for the cell version)",
    );
  }
}

/** An attribute value as the SDK must receive it: Int64 for integers, number only for DOUBLE. */
export function encodeCell(table: TableDefinition, column: string, value: CellValue): unknown {
  const declared = table.columns?.[column];
  const where = `${table.name}.${column}`;
  if (value instanceof Double) return encodeDouble(where, declared, value.value);
  switch (typeof value) {
    case 'number':
      if (declared === 'double') return encodeDouble(where, declared, value);
      expect(where, declared, 'integer', 'an integer');
      return toSdkInt64(value, where);
    case 'bigint':
      expect(where, declared, 'integer', 'a bigint');
      return toSdkInt64(value, where);
    case 'string':
      expect(where, declared, 'string', 'a string');
      return value;
    case 'boolean':
      expect(where, declared, 'boolean', 'a boolean');
      return value;
    default:
      if (value instanceof Uint8Array) {
        expect(where, declared, 'binary', 'binary');
        return toBuffer(value);
      }
      throw new InvalidParameterError(`${where}: unsupported value ${describeValue(value)}`);
  }
}

function encodeDouble(where: string, declared: ColumnType | undefined, n: number): number {
  expect(where, declared, 'double', 'a double');
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new InvalidParameterError(`${where}: a double must be a finite number, got ${String(n)}`);
  }
  return n;
}

function expect(where: string, declared: ColumnType | undefined, wanted: ColumnType, got: string): void {
  if (declared !== undefined && declared !== wanted) {
    throw new InvalidParameterError(`${where} is declared '${declared}' but got ${got}`);
  }
}

export function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A value the SDK decoded, as the layer returns it. */
export function decodeValue(value: unknown): ReadValue {
  if (isSdkInt64(value)) return fromSdkInt64(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Buffer.isBuffer(value)) return value;
  throw new InvalidParameterError(`unexpected value from the SDK: ${describeValue(value)}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
