import type { Double } from '../double.js';

/** An integer as the layer accepts it: a safe-integer number or a bigint in the Int64 range. */
export type Int64Value = number | bigint;

/** A primary-key value: STRING, INTEGER (number or bigint) or BINARY. */
export type PrimaryKeyValue = string | number | bigint | Uint8Array;

/**
 * An attribute value to write. Integers become Int64 (never DOUBLE); a DOUBLE needs a column
 * declared `'double'` or the {@link Double} wrapper from `double(x)`.
 */
export type CellValue = string | number | bigint | boolean | Uint8Array | Double;

/**
 * A value read back. Integers are numbers when within ±(2^53 - 1) and bigints beyond; DOUBLE is a
 * number; BINARY is a Buffer.
 */
export type ReadValue = string | number | bigint | boolean | Buffer;

/**
 * A row to write: primary-key columns and attribute columns in one plain object. `undefined` and
 * `null` columns are left out (a put replaces the whole row, so they end up absent).
 */
export type WriteRow = Readonly<Record<string, CellValue | null | undefined>>;

/** A row read back: primary-key columns and attribute columns in one plain object. */
export type Row = Record<string, ReadValue>;
