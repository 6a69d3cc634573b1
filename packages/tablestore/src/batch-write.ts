import { clientInternals, type TablestoreClient } from './client.js';
import { ConditionFailedError, type TablestoreError } from './errors.js';
import { normalizeError } from './normalize-error.js';
import { errorFromOtsCode } from './ots-error-codes.js';
import { BATCH_CONCURRENCY, MAX_BATCH_WRITE_BYTES, MAX_BATCH_WRITE_ROWS, chunk, mapLimit, sleep } from './batch-support.js';
import { prepareWrites, type PreparedWrite } from './batch-write-ops.js';
import { backoffDelay, mayRetry, writeMayBeReplayed } from './retry-policy.js';
import { settleAmbiguous } from './run.js';
import type { BatchWriteOperation, BatchWriteResult } from './types/batch.js';
import type { TableDefinition } from './types/table.js';

const CALL = 'BatchWriteRow';

/**
 * Writes many rows of one table: BatchWriteRow in chunks of at most 200 rows and ~3.5 MiB, a few
 * in flight at once, one result per operation in order. Each row is its own atomic write with its
 * own condition; the batch as a whole is not atomic. Failed rows are sent again only when the
 * write retry rules allow (see the retry policy); others become `{ ok: false, error }`.
 * Never throws for a service error; invalid operations throw before anything is sent.
 *
 * @example
 * const results = await batchWriteRows(client, stock, items.map((row) => ({ type: 'put', row })));
 * const failed = results.filter((r) => !r.ok);
 */
export async function batchWriteRows<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  ops: readonly BatchWriteOperation<N>[],
): Promise<BatchWriteResult[]> {
  const prepared = prepareWrites(table, ops);
  const results: BatchWriteResult[] = new Array(ops.length);
  const chunks = chunk(prepared, MAX_BATCH_WRITE_ROWS, MAX_BATCH_WRITE_BYTES, (p) => p.bytes);
  await mapLimit(chunks, BATCH_CONCURRENCY, async (items) => {
    const { retry } = clientInternals(client);
    const start = Date.now();
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const again = await writeOnce(client, table, pending, results, attempt);
      const first = again[0]?.error;
      if (!first) return;
      const delay = backoffDelay(attempt, first, retry);
      if (!mayRetry(attempt, delay, Date.now() - start, retry)) {
        for (const { item, error } of again) results[item.index] = { ok: false, error: settle(table, item, error, attempt) };
        return;
      }
      await sleep(delay);
      pending = again.map((a) => a.item);
    }
  });
  return results;
}

/** One BatchWriteRow; records final outcomes and returns the rows to send again. */
async function writeOnce(
  client: TablestoreClient,
  table: TableDefinition,
  items: PreparedWrite[],
  results: BatchWriteResult[],
  attempt: number,
): Promise<{ item: PreparedWrite; error: TablestoreError }[]> {
  const { sdk } = clientInternals(client);
  const call = { operation: CALL, table: table.name };
  const again: { item: PreparedWrite; error: TablestoreError }[] = [];
  const decide = (item: PreparedWrite, error: TablestoreError) => {
    const conditionAfterAmbiguity = item.ambiguous && error instanceof ConditionFailedError;
    if (error.ambiguous) item.ambiguous ??= error;
    if (!conditionAfterAmbiguity && writeMayBeReplayed(error, item.replaySafe)) {
      again.push({ item, error });
    } else {
      results[item.index] = { ok: false, error: settle(table, item, error, attempt) };
    }
  };
  let rows;
  try {
    const res = await sdk.batchWriteRow({ tables: [{ tableName: table.name, rows: items.map((i) => i.sdkRow) }] });
    rows = res.tables;
  } catch (raw) {
    const error = normalizeError(raw, call);
    for (const item of items) decide(item, error);
    return again;
  }
  items.forEach((item, i) => {
    const r = rows[i];
    if (r?.isOk) results[item.index] = { ok: true };
    else decide(item, errorFromOtsCode(r?.errorCode ?? 'OTSMissingRowResult', r?.errorMessage ?? 'no result for this row', call));
  });
  return again;
}

function settle(table: TableDefinition, item: PreparedWrite, error: TablestoreError, attempts: number): TablestoreError {
  return item.ambiguous ? settleAmbiguous({ operation: CALL, table: table.name }, item.ambiguous, error, attempts) : error;
}
