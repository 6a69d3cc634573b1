import type { CellValue } from './values.js';

/** Row existence expectation of a write: IGNORE, EXPECT_EXIST, EXPECT_NOT_EXIST. */
export type RowExistence = 'ignore' | 'exists' | 'not-exists';

export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** One column compared with a value. */
export interface ColumnComparison {
  readonly column: string;
  readonly op: Comparator;
  readonly value: CellValue;
  /**
   * Whether a row without this column passes. Default **false** (the SDK's default is true): a
   * guard such as `stock >= 5` must not pass on a row that has no stock.
   */
  readonly passIfMissing?: boolean;
  /** Compare only the newest version (default true). */
  readonly latestVersionOnly?: boolean;
}

/** A column condition or filter: comparisons composed with and / or / not. */
export type ColumnCondition =
  | ColumnComparison
  | { readonly and: readonly ColumnCondition[] }
  | { readonly or: readonly ColumnCondition[] }
  | { readonly not: ColumnCondition };

/** The condition of a write: row existence plus an optional column condition. */
export interface WriteCondition {
  /** Default 'ignore'. */
  readonly row?: RowExistence;
  readonly columns?: ColumnCondition;
}
