import type { Clock } from '@retail/core';
import type { TablestoreClient } from '@retail/tablestore';
import type { StoresDeps } from './deps.js';
import { getInventory, listInventory, putInventory } from './inventory.js';
import { createStore, getStore, searchStores } from './store-use-cases.js';
import { bindStoresTables, type StoresTables } from './tables.js';
import type { InventoryItem, InventoryPage, ListInventoryInput, PutInventoryInput } from './types/inventory.js';
import type { StoreSearchInput, StoreSearchResult } from './types/search.js';
import type { CreateStoreInput, NearbyStore, Store } from './types/store.js';

export type StoreServiceOptions = ({ readonly client: TablestoreClient } | { readonly tables: StoresTables }) & {
  readonly clock: Clock;
};

/**
 * The stores domain's use-cases over the stores tables. Stateless: create one per process and share it.
 *
 * @example
 * const stores = new StoreService({ client, clock: systemClock });
 * const s = await stores.create({ name: '静安店', format: 'convenience', city: '上海', address: '南京西路 1 号',
 *   location: { lat: 31.2304, lng: 121.4737 }, opensAt: '07:00', closesAt: '23:00' });
 * await stores.search({ near: { lat: 31.23, lng: 121.47 }, radiusKm: 3 }); // { items, nextCursor, rowsRead }
 */
export class StoreService {
  private readonly deps: StoresDeps;

  constructor(options: StoreServiceOptions) {
    this.deps = { tables: 'tables' in options ? options.tables : bindStoresTables(options.client), clock: options.clock };
  }

  /**
   * Creates a store with a new `sto_...` id; `validation-failed` names every bad field.
   *
   * @example
   * const s = await stores.create({ name: 'A', format: 'hypermarket', city: '杭州', address: 'x',
   *   location: { lat: 30.27, lng: 120.15 }, opensAt: '08:00', closesAt: '22:00' });
   */
  create(input: CreateStoreInput): Promise<Store> {
    return createStore(this.deps, input);
  }

  /**
   * The store, or `NotFoundError('store', id)`.
   *
   * @example
   * const s = await stores.get('sto_01j9z3k5q8x7v2w4t6y8r0p2n4');
   */
  get(storeId: string): Promise<Store> {
    return getStore(this.deps, storeId);
  }

  /**
   * A page of stores. With `near`: within `radiusKm` (default 5, at most 50), nearest first, each
   * with `distanceKm`. Without: in id order. `city` and `format` filter either way. `rowsRead` is
   * what the page cost in storage rows.
   *
   * @example
   * const first = await stores.search({ near: { lat: 31.23, lng: 121.47 }, format: 'convenience', limit: 10 });
   * const next = await stores.search({ near: { lat: 31.23, lng: 121.47 }, format: 'convenience', limit: 10, cursor: first.nextCursor });
   */
  search(input: StoreSearchInput): Promise<StoreSearchResult<Store | NearbyStore>> {
    return searchStores(this.deps, input);
  }

  /**
   * Sets a sku's name, price and available units in a store; held and sold units are not touched.
   * `NotFoundError` for an unknown store.
   *
   * @example
   * await stores.putInventory(storeId, 'COLA-330ML', { name: '可乐 330ml', price: 350, quantity: 120 });
   */
  putInventory(storeId: string, sku: string, input: PutInventoryInput): Promise<InventoryItem> {
    return putInventory(this.deps, storeId, sku, input);
  }

  /**
   * One sku of a store: `{ storeId, sku, name, price, available }`, or `NotFoundError`.
   *
   * @example
   * const { available } = await stores.getInventory(storeId, 'COLA-330ML');
   */
  getInventory(storeId: string, sku: string): Promise<InventoryItem> {
    return getInventory(this.deps, storeId, sku);
  }

  /**
   * A page of a store's inventory in sku order: `{ items, nextCursor }`.
   *
   * @example
   * const page = await stores.listInventory(storeId, { limit: 50 });
   */
  listInventory(storeId: string, input: ListInventoryInput = {}): Promise<InventoryPage> {
    return listInventory(this.deps, storeId, input);
  }
}
