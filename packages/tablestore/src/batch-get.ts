import { clientInternals, type TablestoreClient } from './client.js';
import { errorFromOtsCode } from './ots-error-codes.js';
import { BATCH_CONCURRENCY, MAX_BATCH_GET_ROWS, chunk, keyIdentity, mapLimit, sleep } from './batch-support.js';
import { checkKeyShape, encodeKey } from './keys.js';
import { backoffDelay, mayRetry } from './retry-policy.js';
import { columnsToRead, decodeRow } from './rows.js';
import { runRead } from './run.js';
import { normalizeError } from './normalize-error.js';
import type { TablestoreError } from './errors.js';
import type { BatchGetOptions, BatchGetResult } from './types/batch.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';
import type { Row } from './types/values.js';

interface Pending {
  readonly id: string;
  readonly sdkKey: Record<string, unknown>[];
}

/**
 * Reads many rows by key: BatchGetRow in chunks of 100 (a few in flight at once), one result per
 * key in the given order (duplicates read once). Rows that fail with a transient error are read
 * again, alone, with backoff; other failures become `{ ok: false, error }`. Never throws for a
 * service error; invalid keys throw before anything is sent.
 *
 * @example
 * const results = await batchGetRows(client, stock, skus.map((sku) => ({ storeId, sku })));
 */
export async function batchGetRows<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  keys: readonly PrimaryKey<N>[],
  options: BatchGetOptions = {},
): Promise<BatchGetResult[]> {
  const unique = new Map<string, Pending>();
  const ids = keys.map((key) => {
    checkKeyShape(table, key);
    const sdkKey = encodeKey(table, key);
    const id = keyIdentity(table, key);
    if (!unique.has(id)) unique.set(id, { id, sdkKey });
    return id;
  });
  const { columnsToGet } = columnsToRead(table, options.columns, []);
  const outcome = new Map<string, { row: Row | undefined } | { error: TablestoreError }>();
  const readChunk = async (items: Pending[]) => {
    const { retry } = clientInternals(client);
    const start = Date.now();
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const failed = await readOnce(client, table, pending, columnsToGet, outcome);
      if (failed.length === 0) return;
      const first = failed[0]?.error as TablestoreError;
      const delay = backoffDelay(attempt, first, retry);
      if (!mayRetry(attempt, delay, Date.now() - start, retry)) {
        for (const f of failed) outcome.set(f.item.id, { error: f.error });
        return;
      }
      await sleep(delay);
      pending = failed.map((f) => f.item);
    }
  };
  await mapLimit(chunk([...unique.values()], MAX_BATCH_GET_ROWS), BATCH_CONCURRENCY, readChunk);
  return keys.map((key, i) => {
    const o = outcome.get(ids[i] as string);
    const k = key as Row;
    if (!o) throw new Error('batchGetRows: a key got no outcome'); // cannot happen
    return 'error' in o ? { ok: false, key: k, error: o.error } : { ok: true, key: k, row: o.row };
  });
}

/** One BatchGetRow; records final outcomes and returns the rows that failed transiently. */
async function readOnce(
  client: TablestoreClient,
  table: TableDefinition,
  items: Pending[],
  columnsToGet: string[] | undefined,
  outcome: Map<string, { row: Row | undefined } | { error: TablestoreError }>,
): Promise<{ item: Pending; error: TablestoreError }[]> {
  const params = {
    tables: [
      {
        tableName: table.name,
        primaryKey: items.map((p) => p.sdkKey),
        maxVersions: 1,
        ...(columnsToGet ? { columnsToGet } : {}),
      },
    ],
  };
  const call = { operation: 'BatchGetRow', table: table.name };
  let rows;
  try {
    const res = await runRead(client, call, (sdk) => sdk.batchGetRow(params));
    rows = res.tables[0] ?? [];
  } catch (raw) {
    const error = normalizeError(raw, call);
    for (const item of items) outcome.set(item.id, { error });
    return [];
  }
  const failed: { item: Pending; error: TablestoreError }[] = [];
  items.forEach((item, i) => {
    const r = rows[i];
    if (r?.isOk) {
      outcome.set(item.id, { row: decodeRow(r) });
      return;
    }
    const error = errorFromOtsCode(r?.errorCode ?? 'OTSMissingRowResult', r?.errorMessage ?? 'no result for this row', call);
    if (error.retryable) failed.push({ item, error });
    else outcome.set(item.id, { error });
  });
  return failed;
}
