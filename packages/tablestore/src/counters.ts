import type { TablestoreClient } from './client.js';
import { ConditionFailedError, InvalidParameterError, TablestoreError } from './errors.js';
import { updateRow } from './update-row.js';
import type { WriteCondition } from './types/conditions.js';
import type { DecrementResult } from './types/operations.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';
import type { Int64Value } from './types/values.js';

/**
 * Adds `by` (negative to subtract) to an integer column in one UpdateRow and returns the new
 * value (ReturnType AfterModify). A missing column counts as 0. With a `condition`, a failed
 * guard throws ConditionFailedError and nothing changes. Never re-sent after a timeout or a
 * dropped connection: such an error has `ambiguous: true`.
 *
 * @example
 * const views = await incrementCounter(client, pages, { pageId }, 'views', 1);
 */
export async function incrementCounter<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  key: PrimaryKey<N>,
  column: string,
  by: Int64Value,
  options: { condition?: WriteCondition } = {},
): Promise<number | bigint> {
  const { values } = await updateRow(
    client,
    table,
    key,
    { increment: { [column]: by } },
    {
      ...(options.condition ? { condition: options.condition } : {}),
      returnColumns: [column],
    },
  );
  const value = values[column];
  if (typeof value !== 'number' && typeof value !== 'bigint') {
    throw new TablestoreError('UNKNOWN', `UpdateRow ${table.name}: increment of '${column}' applied but no new value came back`, {
      operation: 'UpdateRow',
      table: table.name,
    });
  }
  return value;
}

/**
 * Subtracts `n` from an integer column only if at least `n` (plus `floor`, default 0) is there:
 * INCREMENT -n guarded by `column >= n + floor` (a missing column or row fails the guard), in one
 * UpdateRow. Returns the new value, or `{ ok: false }` when the guard held: never negative stock.
 *
 * @example
 * const r = await tryDecrement(client, stock, { storeId, sku }, 'available', 2);
 * if (!r.ok) throw new SoldOutError(sku);
 */
export async function tryDecrement<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  key: PrimaryKey<N>,
  column: string,
  n: Int64Value,
  options: { floor?: Int64Value } = {},
): Promise<DecrementResult> {
  const amount = toBig(n, 'n');
  if (amount <= 0n) throw new InvalidParameterError(`tryDecrement ${table.name}.${column}: n must be positive`);
  const atLeast = amount + toBig(options.floor ?? 0, 'floor');
  const condition: WriteCondition = { row: 'exists', columns: { column, op: '>=', value: atLeast, passIfMissing: false } };
  try {
    const value = await incrementCounter(client, table, key, column, -amount, { condition });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ConditionFailedError) return { ok: false, reason: 'insufficient' };
    throw error;
  }
}

function toBig(v: Int64Value, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (Number.isSafeInteger(v)) return BigInt(v);
  throw new InvalidParameterError(`tryDecrement: ${what} must be a safe integer or a bigint`);
}
