import { segment, type Transport } from '../transport.js';
import type { CallOptions, Page, PageOptions } from '../types/common.js';
import type { CreateStoreInput, InventoryItem, SetInventoryInput, Store, StoreQuery } from '../types/stores.js';

/** `/stores`: stores and their inventory (changes are for the admin channel). */
export function storesApi(transport: Transport) {
  return {
    /** `POST /stores` (admin) -> 201. */
    create: (input: CreateStoreInput, options?: CallOptions) =>
      transport.call<Store>('POST', '/stores', { ...options, body: input }),
    /** `GET /stores/{id}`. */
    get: (id: string, options?: CallOptions) => transport.call<Store>('GET', `/stores/${segment(id)}`, options),
    /** `GET /stores?city=&format=&near=lat,lng&radiusKm=`: with `near`, nearest first with `distanceKm`. */
    list: (query: StoreQuery = {}, options?: CallOptions) => {
      const { near, ...rest } = query;
      return transport.call<Page<Store>>('GET', '/stores', {
        ...options,
        query: { ...rest, near: near ? `${near.lat},${near.lng}` : undefined },
      });
    },
    /** `PUT /stores/{id}/inventory/{sku}` (admin): `quantity` becomes `available`. */
    setInventory: (storeId: string, sku: string, input: SetInventoryInput, options?: CallOptions) =>
      transport.call<InventoryItem>('PUT', `/stores/${segment(storeId)}/inventory/${segment(sku)}`, { ...options, body: input }),
    /** `GET /stores/{id}/inventory/{sku}`. */
    getInventory: (storeId: string, sku: string, options?: CallOptions) =>
      transport.call<InventoryItem>('GET', `/stores/${segment(storeId)}/inventory/${segment(sku)}`, options),
    /** `GET /stores/{id}/inventory`. */
    listInventory: (storeId: string, page: PageOptions = {}, options?: CallOptions) =>
      transport.call<Page<InventoryItem>>('GET', `/stores/${segment(storeId)}/inventory`, { ...options, query: { ...page } }),
  };
}
