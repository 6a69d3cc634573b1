import { QueryDto } from '@retail/runtime';
import type { InventoryItem, InventoryPage, StoreService } from '@retail/stores';
import { GET, Path, PathParam, PUT } from 'typescript-rest';
import { PutInventoryBody } from '../dto/inventory-bodies.js';
import { ListQuery } from '../dto/store-queries.js';
import { storeId } from './stores.controller.js';

@Path('/stores/:id/inventory')
export class InventoryController {
  constructor(private readonly stores: StoreService) {}

  @GET
  list(@PathParam('id') id: string, @QueryDto() query: ListQuery): Promise<InventoryPage> {
    return this.stores.listInventory(storeId(id), query);
  }

  @PUT
  @Path(':sku')
  put(@PathParam('id') id: string, @PathParam('sku') sku: string, body: PutInventoryBody): Promise<InventoryItem> {
    return this.stores.putInventory(storeId(id), sku, body);
  }

  @GET
  @Path(':sku')
  get(@PathParam('id') id: string, @PathParam('sku') sku: string): Promise<InventoryItem> {
    return this.stores.getInventory(storeId(id), sku);
  }
}
