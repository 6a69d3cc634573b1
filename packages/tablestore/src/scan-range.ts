import type { TablestoreClient } from './client.js';
import { InvalidParameterError } from './errors.js';
import { resolveRange } from './range-bounds.js';
import { fetchRange } from './range-fetch.js';
import type { KeyBoundValue } from './keys.js';
import type { RangeOptions } from './types/range.js';
import type { TableDefinition } from './types/table.js';
import type { Row } from './types/values.js';

/**
 * Iterates every row of a key range in order, following `next_start_primary_key` across
 * requests (the service stops at 5000 rows or 4 MB per request, and a filter can make a request
 * return no rows at all). Each request is retried on transient errors.
 *
 * @example
 * for await (const row of scanRange(client, orders, { start: { memberId: 'm1' }, end: { memberId: 'm1' } })) {
 *   console.log(row.orderId);
 * }
 */
export async function* scanRange<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  options: RangeOptions<N> = {},
): AsyncGenerator<Row, void, undefined> {
  const range = resolveRange(table, options.start, options.end, options.direction);
  if (options.pageSize !== undefined && !(Number.isInteger(options.pageSize) && options.pageSize > 0)) {
    throw new InvalidParameterError('pageSize must be a positive integer');
  }
  const query = { table, range, filter: options.filter, columns: options.columns };
  let from: readonly KeyBoundValue[] | undefined = range.start;
  while (from) {
    const chunk = await fetchRange(client, query, from, options.pageSize);
    yield* chunk.rows;
    from = chunk.next;
  }
}
