/**
 * The real member bundle behind the gateway, observed: ots-local (with its fault admin route) and
 * the member tables, a FunctionPool whose output lines go to an Observability, the gateway in front
 * with the same Observability, and echo upstreams for the other functions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memberTables } from '@retail/member';
import { otsFaults, startOtsLocal, type OtsFaults } from '@retail/ots-local';
import { idempotencyTable } from '@retail/runtime';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import {
  createObservability,
  MetricsRegistry,
  poolFromSYaml,
  startGateway,
  type ChannelApps,
  type FunctionPool,
  type Gateway,
  type Observability,
  type ObservabilityOptions,
} from '../../src/index.js';
import { startEcho, type EchoServer } from './echo.js';
import { DEV } from './harness.js';
import { MEMBER_APP } from './member-function.js';

export interface ObservedMember {
  gateway: Gateway;
  observe: Observability;
  pool: FunctionPool;
  /** The echo upstream of the stores function. */
  stores: EchoServer;
  faults: OtsFaults;
  /** The log store's directory. */
  logDir: string;
  stop(): Promise<void>;
}

/** Options of {@link startObservedMember}. */
export interface ObservedMemberOptions {
  observe?: Omit<ObservabilityOptions, 'logDir'>;
  channels?: ChannelApps;
  production?: boolean;
}

/**
 * @example
 * const platform = await startObservedMember();
 * await signedFetch(`${platform.gateway.url}/members`, 'app', { method: 'POST', data });
 */
export async function startObservedMember(options: ObservedMemberOptions = {}): Promise<ObservedMember> {
  const ots = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, [...memberTables, idempotencyTable]);
  client.close();
  const logDir = await mkdtemp(join(tmpdir(), 'gateway-logs-'));
  const observe = createObservability({ logDir, ...options.observe });
  const metrics = new MetricsRegistry();
  const env = {
    NODE_ENV: 'development',
    OTS_ENDPOINT: ots.endpoint,
    OTS_INSTANCE: ots.instanceName,
    OTS_ACCESS_KEY_ID: ots.accessKeyId,
    OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
  };
  const pool = await poolFromSYaml(MEMBER_APP, env, { metrics, log: observe.poolLog(), provisioned: 1, maxInstances: 2 });
  await pool.start();
  const stores = await startEcho('stores');
  const gateway = await startGateway({
    port: 0,
    channels: options.channels ?? DEV,
    upstreams: { member: pool, stores: stores.url },
    metrics,
    observe,
    log: () => {},
    production: options.production ?? false,
  });
  return {
    gateway,
    observe,
    pool,
    stores,
    faults: otsFaults(ots.endpoint),
    logDir,
    async stop() {
      await gateway.stop();
      await pool.close();
      await stores.stop();
      observe.close();
      await ots.stop();
      await rm(logDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns something, or fails after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
