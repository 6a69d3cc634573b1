import type { ColumnCondition, WriteCondition } from './conditions.js';
import type { CellValue, Int64Value, Row } from './values.js';

export interface GetOptions {
  /** Attribute columns to return (key columns always come back); default all. */
  readonly columns?: readonly string[];
  /** Returns the row only if it passes this filter. */
  readonly filter?: ColumnCondition;
}

export interface WriteOptions {
  readonly condition?: WriteCondition;
}

/** What an UpdateRow changes. A column may appear in only one of the three. */
export interface UpdateChanges {
  /** Columns to set; `null` removes the column, `undefined` is skipped. */
  readonly set?: Readonly<Record<string, CellValue | null | undefined>>;
  /** Columns to remove (all versions). */
  readonly remove?: readonly string[];
  /** Integer columns to add to atomically (a missing column counts as 0). */
  readonly increment?: Readonly<Record<string, Int64Value>>;
}

export interface UpdateOptions extends WriteOptions {
  /** Incremented columns whose new values to return (ReturnType AfterModify). */
  readonly returnColumns?: readonly string[];
}

export interface PutResult {
  /** The row's key, with the generated value of an auto-increment column. */
  readonly key: Row;
}

export interface UpdateResult {
  /** New values of `returnColumns`. */
  readonly values: Row;
}

/** The outcome of a guarded decrement: the new value, or the guard held it back. */
export type DecrementResult =
  { readonly ok: true; readonly value: number | bigint } | { readonly ok: false; readonly reason: 'insufficient' };
