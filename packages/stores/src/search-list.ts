import { INF_MIN } from '@retail/tablestore';
import { collectStores } from './collect-stores.js';
import { encodeStoreCursor } from './cursors.js';
import type { StoresDeps } from './deps.js';
import { facetFor } from './facets.js';
import { parseStoreRow, text, toStore } from './records.js';
import type { CheckedSearch } from './store-checks.js';
import type { StoreSearchResult } from './types/search.js';
import type { Store } from './types/store.js';

type ListSearch = Extract<CheckedSearch, { kind: 'list' }>;

/**
 * Stores in id (creation) order: the stores table itself without filters; with `city` and/or
 * `format`, one range of the listing index (its facet), then the page's store rows.
 */
export async function searchList(deps: StoresDeps, q: ListSearch): Promise<StoreSearchResult<Store>> {
  const facet = facetFor(q);
  if (facet === undefined) return listAll(deps, q);
  let cursor: string | undefined;
  let done = false;
  let indexRows = 0;
  const collected = await collectStores(
    deps.tables,
    async (count) => {
      if (done) return [];
      const page = await deps.tables.facets.page({
        start: { facet, storeId: q.from ?? INF_MIN },
        end: { facet },
        limit: count,
        cursor,
        columns: ['createdAt'],
      });
      cursor = page.cursor;
      done = cursor === undefined;
      indexRows += page.rows.length;
      return page.rows.map((row) => ({ storeId: text(row, 'storeId') }));
    },
    q.limit + 1,
  );
  const next = collected.found[q.limit]?.candidate;
  return {
    items: collected.found.slice(0, q.limit).map(({ store }) => toStore(store)),
    nextCursor: next ? encodeStoreCursor(next.storeId) : null,
    rowsRead: indexRows + collected.rowsRead,
  };
}

async function listAll(deps: StoresDeps, q: ListSearch): Promise<StoreSearchResult<Store>> {
  const page = await deps.tables.stores.page({
    ...(q.from === undefined ? {} : { start: { storeId: q.from } }),
    limit: q.limit + 1,
  });
  const records = page.rows.map(parseStoreRow);
  const next = records[q.limit];
  return {
    items: records.slice(0, q.limit).map(toStore),
    nextCursor: next ? encodeStoreCursor(next.id) : null,
    rowsRead: page.rows.length,
  };
}
