/** An attribute value: INTEGER is bigint, DOUBLE is number, BLOB is Buffer. */
export type CellValue = bigint | number | boolean | string | Buffer;

/** A concrete primary-key value: INTEGER, STRING or BINARY. */
export type KeyValue = bigint | string | Buffer;

export const INF_MIN: unique symbol = Symbol('INF_MIN');
export const INF_MAX: unique symbol = Symbol('INF_MAX');
export const AUTO_INCREMENT: unique symbol = Symbol('AUTO_INCREMENT');

/** What a request may carry in a primary-key cell: a value, a range bound, or "generate one". */
export type KeyCellValue = KeyValue | typeof INF_MIN | typeof INF_MAX | typeof AUTO_INCREMENT;

export interface KeyCell {
  name: string;
  value: KeyCellValue;
}

export type CellOperation = 'delete-all' | 'delete-one' | 'increment';

/** An attribute cell as a request carries it (PutRow, UpdateRow). */
export interface RequestCell {
  name: string;
  value?: CellValue;
  op?: CellOperation;
  timestamp?: number;
}

export interface RequestRow {
  primaryKey: KeyCell[];
  cells: RequestCell[];
  deleteMarker: boolean;
}

/** A cell as a response carries it. */
export interface ResponseCell {
  name: string;
  value: CellValue;
  timestamp: number;
}

export interface ResponseRow {
  primaryKey: { name: string; value: KeyValue }[];
  cells: ResponseCell[];
}

export class PlainBufferError extends Error {
  override name = 'PlainBufferError';
}
