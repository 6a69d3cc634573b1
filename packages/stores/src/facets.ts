import type { StoreFormat } from './formats.js';

// The listing index's facet keys. A format never contains ':', so `cf:<format>:<city>` is
// unambiguous whatever the city's name holds.

/** Every facet a store is listed under. */
export function facetsOf(store: { readonly city: string; readonly format: StoreFormat }): string[] {
  return [`c:${store.city}`, `f:${store.format}`, `cf:${store.format}:${store.city}`];
}

/**
 * The facet that answers a listing filter, or undefined when there is no filter.
 *
 * @example
 * facetFor({ city: '上海', format: 'convenience' }) // 'cf:convenience:上海'
 */
export function facetFor(filter: {
  readonly city?: string | undefined;
  readonly format?: StoreFormat | undefined;
}): string | undefined {
  if (filter.city !== undefined && filter.format !== undefined) return `cf:${filter.format}:${filter.city}`;
  if (filter.city !== undefined) return `c:${filter.city}`;
  if (filter.format !== undefined) return `f:${filter.format}`;
  return undefined;
}
