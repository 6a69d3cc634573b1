import type { TablestoreClient } from './client.js';
import { encodeCursor, decodeCursor } from './cursor.js';
import { InvalidParameterError } from './errors.js';
import { resolveRange } from './range-bounds.js';
import { fetchRange } from './range-fetch.js';
import type { KeyBoundValue } from './keys.js';
import type { RangePage, RangePageOptions } from './types/range.js';
import type { TableDefinition } from './types/table.js';
import type { PrimaryKeyValue, Row } from './types/values.js';

/**
 * Reads one page of up to `limit` rows and an opaque cursor for the next page (undefined at the
 * end). Pass the same range with the cursor to continue; a cursor that is malformed, tampered
 * with or outside the range throws InvalidCursorError. A page may take several requests to fill
 * when a filter skips rows.
 *
 * @example
 * const page = await getRangePage(client, orders, { start: { memberId }, end: { memberId }, limit: 20, cursor });
 * return { items: page.rows, next: page.cursor };
 */
export async function getRangePage<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  options: RangePageOptions<N>,
): Promise<RangePage> {
  const { limit } = options;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= 5000))
    throw new InvalidParameterError('limit must be an integer from 1 to 5000');
  const range = resolveRange(table, options.start, options.end, options.direction);
  let from: readonly KeyBoundValue[] | undefined = options.cursor ? decodeCursor(table, options.cursor, range) : range.start;
  const query = { table, range, filter: options.filter, columns: options.columns };
  const rows: Row[] = [];
  let next: PrimaryKeyValue[] | undefined;
  while (from && rows.length < limit) {
    const want = limit - rows.length;
    const chunk = await fetchRange(client, query, from, want);
    rows.push(...chunk.rows.slice(0, want));
    next = chunk.next;
    const extra = chunk.rows[want];
    if (extra) next = table.primaryKey.map((c) => extra[c.name] as PrimaryKeyValue); // more than asked: resume there
    from = next;
  }
  return { rows, cursor: next ? encodeCursor(next) : undefined };
}
