import type { StoreFormat } from '../formats.js';
import type { GeoPoint, NearbyStore, Store } from './store.js';

export interface StoreSearchInput {
  /** Only stores in this city (exact match). */
  readonly city?: string | undefined;
  /** Only stores of this format. */
  readonly format?: StoreFormat | undefined;
  /** Nearest first from this point, within `radiusKm`; each item gets `distanceKm`. */
  readonly near?: GeoPoint | undefined;
  /** Only with `near`: more than 0, at most 50. Default 5. */
  readonly radiusKm?: number | undefined;
  /** 1 to 100. Default 20. */
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page of the same search. */
  readonly cursor?: string | null | undefined;
}

export interface StoreSearchResult<T extends Store = Store | NearbyStore> {
  /** Nearest first with `near`, otherwise in id (creation) order. */
  readonly items: T[];
  readonly nextCursor: string | null;
  /**
   * Rows this page read from storage (index rows and store rows): what the search costs. Not part
   * of the HTTP contract.
   */
  readonly rowsRead: number;
}
