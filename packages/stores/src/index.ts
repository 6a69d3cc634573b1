// @retail/stores: the stores domain's use-cases and storage. No transport, no environment.
export { StoreService, type StoreServiceOptions } from './store-service.js';
export {
  bindStoresTables,
  inventoryTable,
  storeFacetsTable,
  storeGeoCellsTable,
  storesTable,
  storesTables,
  type StoresTables,
} from './tables.js';
export { STORE_FORMATS, isStoreFormat, type StoreFormat } from './formats.js';
export { isSku } from './sku.js';
export { DEFAULT_RADIUS_KM, MAX_RADIUS_KM } from './store-checks.js';
export { MAX_PRICE, MAX_QUANTITY } from './inventory-checks.js';
export { haversineKm, roundKm, EARTH_RADIUS_KM } from './geo/distance.js';
export { coverCircle, MAX_COVER_CELLS, type CircleCover, type CellRange } from './geo/cover.js';
export { geohash } from './geo/geohash.js';
export type * from './types/store.js';
export type * from './types/search.js';
export type * from './types/inventory.js';
export { StockHolds, type StockLine, type SkuOffer, type ReserveResult, type StockChange } from './stock-holds.js';
