import { isId, NotFoundError } from '@retail/core';
import { Idempotent, QueryDto, Returns } from '@retail/runtime';
import type { NearbyStore, Store, StoreService } from '@retail/stores';
import { GET, Path, PathParam, POST, Return } from 'typescript-rest';
import { CreateStoreBody } from '../dto/store-bodies.js';
import { SearchStoresQuery } from '../dto/store-queries.js';
import { StorePageResponse, StoreResponse } from '../dto/store-responses.js';
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
  @Returns(201, StoreResponse, { description: 'The new store.' })
  async create(body: CreateStoreBody): Promise<Return.NewResource<Store>> {
    const store = await this.stores.create(body);
    return new Return.NewResource(`/stores/${store.id}`, store);
  }

  @GET
  @Returns(200, StorePageResponse, { description: 'Stores within radiusKm of near, nearest first; without near, in id order.' })
  async search(@QueryDto() query: SearchStoresQuery): Promise<{ items: (Store | NearbyStore)[]; nextCursor: string | null }> {
    const { near, ...rest } = query;
    const { items, nextCursor } = await this.stores.search({ ...rest, near: near === undefined ? undefined : parseLatLng(near) });
    return { items, nextCursor }; // rowsRead is a cost figure for benchmarks and logs, not the contract
  }

  @GET
  @Path(':id')
  @Returns(200, StoreResponse)
  get(@PathParam('id') id: string): Promise<Store> {
    return this.stores.get(storeId(id));
  }
}
