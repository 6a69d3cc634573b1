import type { TablestoreClient } from './client.js';
import { batchGetRows } from './batch-get.js';
import { batchWriteRows } from './batch-write.js';
import { incrementCounter, tryDecrement } from './counters.js';
import { deleteRow } from './delete-row.js';
import { getRow } from './get-row.js';
import { putRow } from './put-row.js';
import { getRangePage } from './range-page.js';
import { scanRange } from './scan-range.js';
import { updateRow } from './update-row.js';
import type { BatchGetOptions, BatchGetResult, BatchWriteOperation, BatchWriteResult } from './types/batch.js';
import type { WriteCondition } from './types/conditions.js';
import type {
  DecrementResult,
  GetOptions,
  PutResult,
  UpdateChanges,
  UpdateOptions,
  UpdateResult,
  WriteOptions,
} from './types/operations.js';
import type { RangeOptions, RangePage, RangePageOptions } from './types/range.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';
import type { Int64Value, Row, WriteRow } from './types/values.js';

/** A table bound to a client: what a repository is given. Same behaviour as the free functions. */
export interface Table<N extends string = string> {
  readonly definition: TableDefinition<N>;
  get(key: PrimaryKey<N>, options?: GetOptions): Promise<Row | undefined>;
  put(row: WriteRow, options?: WriteOptions): Promise<PutResult>;
  update(key: PrimaryKey<N>, changes: UpdateChanges, options?: UpdateOptions): Promise<UpdateResult>;
  delete(key: PrimaryKey<N>, options?: WriteOptions): Promise<void>;
  increment(
    key: PrimaryKey<N>,
    column: string,
    by: Int64Value,
    options?: { condition?: WriteCondition },
  ): Promise<number | bigint>;
  tryDecrement(key: PrimaryKey<N>, column: string, n: Int64Value, options?: { floor?: Int64Value }): Promise<DecrementResult>;
  scan(options?: RangeOptions<N>): AsyncGenerator<Row, void, undefined>;
  page(options: RangePageOptions<N>): Promise<RangePage>;
  batchGet(keys: readonly PrimaryKey<N>[], options?: BatchGetOptions): Promise<BatchGetResult[]>;
  batchWrite(ops: readonly BatchWriteOperation<N>[]): Promise<BatchWriteResult[]>;
}

/**
 * Binds a table definition to a client.
 *
 * @example
 * const stockTable = bindTable(client, stock);
 * const r = await stockTable.tryDecrement({ storeId, sku }, 'available', 1);
 */
export function bindTable<N extends string>(client: TablestoreClient, definition: TableDefinition<N>): Table<N> {
  return {
    definition,
    get: (key, options) => getRow(client, definition, key, options),
    put: (row, options) => putRow(client, definition, row, options),
    update: (key, changes, options) => updateRow(client, definition, key, changes, options),
    delete: (key, options) => deleteRow(client, definition, key, options),
    increment: (key, column, by, options) => incrementCounter(client, definition, key, column, by, options),
    tryDecrement: (key, column, n, options) => tryDecrement(client, definition, key, column, n, options),
    scan: (options) => scanRange(client, definition, options),
    page: (options) => getRangePage(client, definition, options),
    batchGet: (keys, options) => batchGetRows(client, definition, keys, options),
    batchWrite: (ops) => batchWriteRows(client, definition, ops),
  };
}
