// Integration tests talk to a real ots-local server through the real SDK: no mocked storage.
import { manualClock, type ManualClock } from '@retail/core';
import { startOtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient, type TablestoreConfig } from '@retail/tablestore';
import { bindStoresTables, StoreService, storesTables, type StoresTables } from '../../src/index.js';

export interface TestEnv {
  readonly config: TablestoreConfig;
  readonly client: TablestoreClient;
  readonly tables: StoresTables;
  readonly clock: ManualClock;
  readonly stores: StoreService;
  /** Another client of the same server (e.g. through a faulty proxy). */
  newClient(overrides?: Partial<TablestoreConfig>): TablestoreClient;
  stop(): Promise<void>;
}

export async function startTestEnv(): Promise<TestEnv> {
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const config: TablestoreConfig = {
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  };
  const clients: TablestoreClient[] = [];
  const newClient = (overrides: Partial<TablestoreConfig> = {}) => {
    const c = createTablestoreClient({ ...config, ...overrides });
    clients.push(c);
    return c;
  };
  const client = newClient();
  await ensureTables(client, storesTables);
  const tables = bindStoresTables(client);
  const clock = manualClock('2026-11-11T00:00:00Z');
  return {
    config,
    client,
    tables,
    clock,
    stores: new StoreService({ tables, clock }),
    newClient,
    stop: async () => {
      for (const c of clients) c.close();
      await ots.stop();
    },
  };
}
