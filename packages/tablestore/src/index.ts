// @retail/tablestore: the one storage layer over the official `tablestore` SDK.
export { createTablestoreClient, type TablestoreClient } from './client.js';
export { tablestoreConfigFromEnv } from './config.js';
export { defineTable } from './define-table.js';
export { ensureTables, type EnsureTablesResult } from './ensure-tables.js';
export { getRow } from './get-row.js';
export { putRow } from './put-row.js';
export { updateRow } from './update-row.js';
export { deleteRow } from './delete-row.js';
export { incrementCounter, tryDecrement } from './counters.js';
export {
  placeHold,
  settleHold,
  readHolds,
  holdsOf,
  holdColumn,
  HOLD_PREFIX,
  type Hold,
  type PlaceHoldInput,
  type PlaceHoldResult,
  type SettleHoldInput,
  type SettleHoldResult,
} from './holds.js';
export {
  ShardedCounter,
  shardCountFor,
  splitTotal,
  type ShardedCounterSpec,
  type ShardTake,
  type TakeInput,
  type TakeResult,
} from './sharded-counter.js';
export { scanRange } from './scan-range.js';
export { getRangePage } from './range-page.js';
export { batchGetRows } from './batch-get.js';
export { batchWriteRows } from './batch-write.js';
export { bindTable, type Table } from './table-handle.js';
export { double, Double } from './double.js';
export { INF_MIN, INF_MAX, type KeyBoundValue } from './keys.js';
export { INT64_MIN, INT64_MAX } from './int64.js';
export { normalizeError } from './normalize-error.js';
export { DEFAULT_RETRY_POLICY } from './retry-policy.js';
export {
  TablestoreError,
  ConditionFailedError,
  TableNotFoundError,
  TableAlreadyExistsError,
  TableSchemaMismatchError,
  InvalidParameterError,
  InvalidCursorError,
  TablestoreConfigError,
  AuthFailedError,
  ThrottledError,
  TimeoutError,
  NetworkError,
  ServerError,
  AmbiguousWriteError,
  type TablestoreErrorCode,
  type TablestoreErrorDetails,
} from './errors.js';
export type * from './types/values.js';
export type * from './types/table.js';
export type * from './types/conditions.js';
export type * from './types/operations.js';
export type * from './types/range.js';
export type * from './types/batch.js';
export type * from './types/config.js';
