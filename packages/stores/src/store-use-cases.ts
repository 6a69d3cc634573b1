import { newId, NotFoundError } from '@retail/core';
import type { StoresDeps } from './deps.js';
import { toStore, type StoreRecord } from './records.js';
import { checkCreateStore, checkSearch } from './store-checks.js';
import { insertStoreRow, readStore, writeIndexRows } from './store-repository.js';
import { searchList } from './search-list.js';
import { searchNear } from './search-near.js';
import type { StoreSearchInput, StoreSearchResult } from './types/search.js';
import type { CreateStoreInput, NearbyStore, Store } from './types/store.js';

/**
 * Creates a store: its index rows first (geo cell, listings), then the store row, the commit
 * point. A create that dies before the store row leaves index rows that every read skips.
 */
export async function createStore(deps: StoresDeps, input: CreateStoreInput): Promise<Store> {
  checkCreateStore(input);
  const now = deps.clock.now();
  const record: StoreRecord = {
    id: newId('sto', now),
    name: input.name,
    format: input.format,
    city: input.city,
    address: input.address,
    lat: input.location.lat,
    lng: input.location.lng,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    createdAt: now,
  };
  await writeIndexRows(deps.tables, record);
  await insertStoreRow(deps.tables, record);
  return toStore(record);
}

/** The store with this id, or NotFoundError (also for a malformed id, before any storage call). */
export async function getStore(deps: StoresDeps, storeId: string): Promise<Store> {
  const found = await readStore(deps.tables, storeId);
  if (!found) throw new NotFoundError('store', storeId);
  return toStore(found);
}

/** A page of stores: nearest first with `near`, else in id order; filtered by city and format. */
export async function searchStores(deps: StoresDeps, input: StoreSearchInput): Promise<StoreSearchResult<Store | NearbyStore>> {
  const q = checkSearch(input);
  return q.kind === 'near' ? searchNear(deps, q) : searchList(deps, q);
}
