import type { PrimaryKeyValue } from './values.js';

export type PrimaryKeyType = 'string' | 'integer' | 'binary';
export type ColumnType = 'string' | 'integer' | 'double' | 'boolean' | 'binary';

export interface PrimaryKeyColumn<N extends string = string> {
  readonly name: N;
  readonly type: PrimaryKeyType;
  /** Only an `integer` column that is not the first (partition) column may be auto-increment. */
  readonly autoIncrement?: boolean;
}

export interface TableOptions {
  /** Seconds; -1 (the default) keeps data forever, otherwise at least 86400. */
  readonly timeToLiveSeconds?: number;
  /** Versions kept per cell; default 1. */
  readonly maxVersions?: number;
  /** Reserved capacity units; default 0/0 (pay as you go). */
  readonly reservedThroughput?: { readonly read: number; readonly write: number };
  /** How far a written version may be from now, in seconds (service default 86400). */
  readonly maxTimeDeviationSeconds?: number;
}

/** A table as code: what `ensureTables` creates and every operation reads its key schema from. */
export interface TableDefinition<N extends string = string> {
  readonly name: string;
  /** 1 to 4 columns in key order; the first is the partition key. */
  readonly primaryKey: readonly PrimaryKeyColumn<N>[];
  /**
   * Attribute columns with their types. They are created as defined columns and decide how plain
   * numbers are written (`'double'` → DOUBLE, otherwise Int64) and checked.
   */
  readonly columns?: Readonly<Record<string, ColumnType>>;
  readonly options?: TableOptions;
}

/** The primary key of a table: every key column by name. */
export type PrimaryKey<N extends string = string> = { [P in N]: PrimaryKeyValue };

/** The key type of a table definition. */
export type KeyOf<T> = T extends TableDefinition<infer N> ? PrimaryKey<N> : never;
