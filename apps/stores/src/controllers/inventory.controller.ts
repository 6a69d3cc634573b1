import { QueryDto, Returns } from '@retail/runtime';
import type { InventoryItem, InventoryPage, StoreService } from '@retail/stores';
import { GET, Path, PathParam, PUT } from 'typescript-rest';
import { PutInventoryBody } from '../dto/inventory-bodies.js';
import { ListQuery } from '../dto/store-queries.js';
import { InventoryItemResponse, InventoryPageResponse } from '../dto/store-responses.js';
import { storeId } from './stores.controller.js';

@Path('/stores/:id/inventory')
export class InventoryController {
  constructor(private readonly stores: StoreService) {}

  @GET
  @Returns(200, InventoryPageResponse, { description: "The store's skus, in sku order." })
  list(@PathParam('id') id: string, @QueryDto() query: ListQuery): Promise<InventoryPage> {
    return this.stores.listInventory(storeId(id), query);
  }

  @PUT
  @Path(':sku')
  @Returns(200, InventoryItemResponse, { description: 'The sku after the change.' })
  put(@PathParam('id') id: string, @PathParam('sku') sku: string, body: PutInventoryBody): Promise<InventoryItem> {
    return this.stores.putInventory(storeId(id), sku, body);
  }

  @GET
  @Path(':sku')
  @Returns(200, InventoryItemResponse)
  get(@PathParam('id') id: string, @PathParam('sku') sku: string): Promise<InventoryItem> {
    return this.stores.getInventory(storeId(id), sku);
  }
}
