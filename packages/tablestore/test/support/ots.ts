// Integration tests talk to a real ots-local server through the real SDK: no mocked storage.
import { startOtsLocal } from '@retail/ots-local';
import { createTablestoreClient, type TablestoreClient, type TablestoreConfig } from '../../src/index.js';

export interface TestServer {
  readonly client: TablestoreClient;
  readonly config: TablestoreConfig;
  /** Another client of the same server (a second process, as far as the server can tell). */
  newClient(overrides?: Partial<TablestoreConfig>): TablestoreClient;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
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
  return {
    client,
    config,
    newClient,
    stop: async () => {
      for (const c of clients) c.close();
      await ots.stop();
    },
  };
}
