import { isId, NotFoundError } from '@retail/core';
import { Idempotent, QueryDto } from '@retail/runtime';
import type { NearbyStore, Store, StoreService } from '@retail/stores';
import { GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { CreateStoreBody } from '../dto/store-bodies.js';
import { SearchStoresQuery } from '../dto/store-queries.js';
import { parseLatLng } from '../dto/query-validators.js';

/** A malformed id names no store: the same 404 as an unknown one, before any storage call. */
export function storeId(id: string): string {
  if (!isId('sto', id)) throw new NotFoundError('store', id);
  return id;
}

@Path('/stores')
export class StoresController {
  constructor(private readonly stores: StoreService) {}

  @POST
  @Idempotent()
  async create(body: CreateStoreBody): Promise<Return.NewResource<Store>> {
    const store = await this.stores.create(body);
    return new Return.NewResource(`/stores/${store.id}`, store);
  }

  @GET
  async search(@QueryDto() query: SearchStoresQuery): Promise<{ items: (Store | NearbyStore)[]; nextCursor: string | null }> {
    const { near, ...rest } = query;
    const { items, nextCursor } = await this.stores.search({ ...rest, near: near === undefined ? undefined : parseLatLng(near) });
    return { items, nextCursor }; // rowsRead is a cost figure for benchmarks and logs, not the contract
  }

  @GET
  @Path(':id')
  get(@PathParam('id') id: string): Promise<Store> {
    return this.stores.get(storeId(id));
  }
}
