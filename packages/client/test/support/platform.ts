/** The local gateway with the real member function behind it (its built bundle, from its s.yaml), against ots-local. */
import { ensurePlatformTables } from '@retail/dev';
import {
  DEV_CHANNELS_FILE,
  devChannels,
  MetricsRegistry,
  poolFromSYaml,
  startGateway,
  type FunctionPool,
  type Gateway,
} from '@retail/gateway';
import { startOtsLocal } from '@retail/ots-local';
import { createTablestoreClient } from '@retail/tablestore';
import { join } from 'node:path';
import { createRetailClient, type RetailClient } from '../../src/index.js';

export const CHANNELS = devChannels();
export { DEV_CHANNELS_FILE };

export interface Platform {
  gateway: Gateway;
  /** A client signing as this dev channel app. */
  client(channel: string, secret?: string): RetailClient;
  stop(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const storage = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensurePlatformTables(storage);
  storage.close();
  const metrics = new MetricsRegistry();
  let pool: FunctionPool | undefined;
  let gateway: Gateway | undefined;
  try {
    pool = await poolFromSYaml(
      join(import.meta.dirname, '..', '..', '..', '..', 'apps', 'member'),
      {
        NODE_ENV: 'development',
        OTS_ENDPOINT: ots.endpoint,
        OTS_INSTANCE: ots.instanceName,
        OTS_ACCESS_KEY_ID: ots.accessKeyId,
        OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
      },
      { provisioned: 1, metrics },
    );
    await pool.start();
    gateway = await startGateway({ port: 0, channels: CHANNELS, upstreams: { member: pool }, metrics, log: () => {} });
  } catch (error) {
    await pool?.close();
    await ots.stop();
    throw error;
  }
  const running = gateway;
  const members = pool;
  return {
    gateway: running,
    client(channel, secret) {
      const app = CHANNELS[channel];
      if (!app) throw new Error(`no dev channel ${channel}`);
      return createRetailClient({ baseUrl: running.url, appKey: app.appKey, appSecret: secret ?? app.appSecret });
    },
    async stop() {
      await running.stop();
      await members.close();
      await ots.stop();
    },
  };
}
