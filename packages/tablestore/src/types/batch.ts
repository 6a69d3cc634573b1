import type { TablestoreError } from '../errors.js';
import type { WriteCondition } from './conditions.js';
import type { UpdateChanges } from './operations.js';
import type { PrimaryKey } from './table.js';
import type { Row, WriteRow } from './values.js';

/** One key's outcome in a batch read, in the order the keys were given. */
export type BatchGetResult =
  | { readonly ok: true; readonly key: Row; readonly row: Row | undefined }
  | { readonly ok: false; readonly key: Row; readonly error: TablestoreError };

/** One row change in a batch write. Rows of a batch are written independently, not atomically. */
export type BatchWriteOperation<N extends string = string> =
  | { readonly type: 'put'; readonly row: WriteRow; readonly condition?: WriteCondition }
  | { readonly type: 'update'; readonly key: PrimaryKey<N>; readonly changes: UpdateChanges; readonly condition?: WriteCondition }
  | { readonly type: 'delete'; readonly key: PrimaryKey<N>; readonly condition?: WriteCondition };

/** One operation's outcome in a batch write, in the order the operations were given. */
export type BatchWriteResult = { readonly ok: true } | { readonly ok: false; readonly error: TablestoreError };

export interface BatchGetOptions {
  /** Attribute columns to return; default all. */
  readonly columns?: readonly string[];
}
