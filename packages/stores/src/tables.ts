import { bindTable, defineTable, type Table, type TablestoreClient } from '@retail/tablestore';

// Layouts and the reasons for them: docs/decisions/0006-store-geo-layout.md.

/**
 * One row per store, keyed by its id alone: stores are created by operators (a few a day), so the
 * newest partition is never hot, and an unfiltered listing is a range read in id (creation) order.
 * The row is the store's commit point: it is written after its index rows.
 */
export const storesTable = defineTable({
  name: 'stores',
  primaryKey: [{ name: 'storeId', type: 'string' }],
  columns: {
    name: 'string',
    format: 'string',
    city: 'string',
    address: 'string',
    lat: 'double',
    lng: 'double',
    opensAt: 'string',
    closesAt: 'string',
    createdAt: 'integer',
  },
});

/**
 * The geo cell index: one row per store under its location's 9-character geohash. A geohash cell
 * of any coarser precision is a key prefix, so a nearby search reads the cells covering its circle
 * as a few key ranges. The row carries what the search filters and sorts on, so only the stores of
 * the page are read from `stores`.
 */
export const storeGeoCellsTable = defineTable({
  name: 'store_geo_cells',
  primaryKey: [
    { name: 'cell', type: 'string' },
    { name: 'storeId', type: 'string' },
  ],
  columns: { lat: 'double', lng: 'double', city: 'string', format: 'string' },
});

/**
 * The listing index: one row per store and filter it answers (`c:<city>`, `f:<format>`,
 * `cf:<format>:<city>`), so `?city=`, `?format=` and both together are each one range read in
 * store id order.
 */
export const storeFacetsTable = defineTable({
  name: 'store_facets',
  primaryKey: [
    { name: 'facet', type: 'string' },
    { name: 'storeId', type: 'string' },
  ],
  // An attribute, so that no read ever meets a key-only row (their visibility is unconfirmed on the service).
  columns: { createdAt: 'integer' },
});

/**
 * A store's stock of one sku. `PUT /stores/{id}/inventory/{sku}` sets `name`, `price` (fen),
 * `available` and `updatedAt`; `held`, `sold` and `flashAllotted` belong to orders and flash sales
 * (written 0 when the row is created, never touched by the inventory PUT). Other code adds marker
 * columns named `h_...` to these rows, so every read here names its columns.
 */
export const inventoryTable = defineTable({
  name: 'inventory',
  primaryKey: [
    { name: 'storeId', type: 'string' },
    { name: 'sku', type: 'string' },
  ],
  columns: {
    name: 'string',
    price: 'integer',
    available: 'integer',
    held: 'integer',
    sold: 'integer',
    flashAllotted: 'integer',
    updatedAt: 'integer',
  },
});

/**
 * Every table of the stores domain, for `ensureTables` at dev start-up, in deploy tooling and tests.
 *
 * @example
 * await ensureTables(client, storesTables);
 */
export const storesTables = [storesTable, storeGeoCellsTable, storeFacetsTable, inventoryTable] as const;

/** The stores tables bound to a client: what the use-cases (and trading's stock code) are given. */
export interface StoresTables {
  readonly stores: Table<'storeId'>;
  readonly geoCells: Table<'cell' | 'storeId'>;
  readonly facets: Table<'facet' | 'storeId'>;
  readonly inventory: Table<'storeId' | 'sku'>;
}

/**
 * Binds the stores tables to a client.
 *
 * @example
 * const tables = bindStoresTables(client);
 * const stores = new StoreService({ tables, clock: systemClock });
 */
export function bindStoresTables(client: TablestoreClient): StoresTables {
  return {
    stores: bindTable(client, storesTable),
    geoCells: bindTable(client, storeGeoCellsTable),
    facets: bindTable(client, storeFacetsTable),
    inventory: bindTable(client, inventoryTable),
  };
}
