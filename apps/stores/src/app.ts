import { systemClock, type Clock } from '@retail/core';
import { createApp, createLogger, idempotencyTable, TablestoreIdempotencyStore, type App, type Logger } from '@retail/runtime';
import { StoreService, storesTables } from '@retail/stores';
import type { TablestoreClient } from '@retail/tablestore';
import { InventoryController } from './controllers/inventory.controller.js';
import { StoresController } from './controllers/stores.controller.js';

/** Every table the stores function uses: what dev start-up, tests and deploy ensure. */
export const storesFunctionTables = [...storesTables, idempotencyTable];

export interface StoresAppDeps {
  client: TablestoreClient;
  functionTimeoutMs: number;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The stores function's composition root: storage, use-cases, controllers.
 *
 * @example
 * const app = createStoresApp({ client, functionTimeoutMs: 10_000 });
 */
export function createStoresApp(deps: StoresAppDeps): App {
  const clock = deps.clock ?? systemClock;
  const stores = new StoreService({ client: deps.client, clock });
  return createApp({
    name: 'stores',
    controllers: [new StoresController(stores), new InventoryController(stores)],
    logger: deps.logger ?? createLogger({ functionName: 'stores' }),
    idempotency: { store: new TablestoreIdempotencyStore(deps.client, clock), lockMs: deps.functionTimeoutMs },
  });
}
