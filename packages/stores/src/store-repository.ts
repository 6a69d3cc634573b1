import { isId } from '@retail/core';
import { ConditionFailedError, TablestoreError } from '@retail/tablestore';
import { facetsOf } from './facets.js';
import { geohash } from './geo/geohash.js';
import { parseStoreRow, storeRow, type StoreRecord } from './records.js';
import type { StoresTables } from './tables.js';

// The stores table and its two indexes. A store's index rows are written first and its store row
// last: the store row is the commit point, and index rows whose store row is missing (a create
// that died half-way) are skipped by every read. Why: docs/decisions/0006-store-geo-layout.md.

/** Writes a new store's geo cell row and listing rows (plain puts: the id is new). */
export async function writeIndexRows(tables: StoresTables, record: StoreRecord): Promise<void> {
  const { id: storeId, lat, lng, city, format, createdAt } = record;
  const geo = tables.geoCells.put({ cell: geohash({ lat, lng }), storeId, lat, lng, city, format });
  const facets = tables.facets.batchWrite(facetsOf(record).map((facet) => ({ type: 'put', row: { facet, storeId, createdAt } })));
  const [, results] = await Promise.all([geo, facets]);
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) throw failed.error;
}

/**
 * Writes the store row (EXPECT_NOT_EXIST: the id is new). When the outcome is unknown (a lost
 * response, or a replay that then met our own row), the row says whether it landed: only this
 * call writes this id.
 */
export async function insertStoreRow(tables: StoresTables, record: StoreRecord): Promise<void> {
  try {
    await tables.stores.put(storeRow(record), { condition: { row: 'not-exists' } });
  } catch (error) {
    const unsure = error instanceof ConditionFailedError || (error instanceof TablestoreError && error.ambiguous);
    if (!unsure) throw error;
    const found = await readStore(tables, record.id);
    if (found?.createdAt !== record.createdAt || found.name !== record.name) throw error;
  }
}

/** The store with this id, or undefined (also for a malformed id, without a storage call). */
export async function readStore(tables: StoresTables, storeId: string): Promise<StoreRecord | undefined> {
  if (!isId('sto', storeId)) return undefined;
  const row = await tables.stores.get({ storeId });
  return row ? parseStoreRow(row) : undefined;
}

/** Whether a store exists (reads one column of its row). */
export async function storeExists(tables: StoresTables, storeId: string): Promise<boolean> {
  if (!isId('sto', storeId)) return false;
  return (await tables.stores.get({ storeId }, { columns: ['createdAt'] })) !== undefined;
}

/** The stores with these ids, in the order given; undefined where an id has no store row. */
export async function readStores(tables: StoresTables, storeIds: readonly string[]): Promise<(StoreRecord | undefined)[]> {
  if (storeIds.length === 0) return [];
  const results = await tables.stores.batchGet(storeIds.map((storeId) => ({ storeId })));
  return results.map((result) => {
    if (!result.ok) throw result.error;
    return result.row ? parseStoreRow(result.row) : undefined;
  });
}
