import type { KeyBoundValue } from '../keys.js';
import type { ColumnCondition } from './conditions.js';
import type { Row } from './values.js';

/** A range bound: leading key columns; the columns left out cover their whole span. */
export type RangeBound<N extends string = string> = { readonly [P in N]?: KeyBoundValue };

export interface RangeOptions<N extends string = string> {
  /** Inclusive start; default the table's first row in the scan direction. */
  readonly start?: RangeBound<N>;
  /** Exclusive end; default past the table's last row in the scan direction. */
  readonly end?: RangeBound<N>;
  /** Default 'forward'. Backward scans go from the higher start to the lower end. */
  readonly direction?: 'forward' | 'backward';
  /** Only rows passing this filter are returned (rows are still read: it costs reads). */
  readonly filter?: ColumnCondition;
  /** Attribute columns to return; default all. */
  readonly columns?: readonly string[];
  /** Rows asked for per GetRange request (the service returns at most 5000). */
  readonly pageSize?: number;
}

export interface RangePageOptions<N extends string = string> extends Omit<RangeOptions<N>, 'pageSize'> {
  /** Rows in the page, 1 to 5000. */
  readonly limit: number;
  /** The `cursor` of the previous page, for the same range. */
  readonly cursor?: string | undefined;
}

export interface RangePage {
  readonly rows: Row[];
  /** Opaque; pass it back for the next page. Undefined on the last page. */
  readonly cursor: string | undefined;
}
