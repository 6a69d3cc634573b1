import {
  createObservability,
  devChannels,
  loadAlarmRules,
  MetricsRegistry,
  startGateway,
  type Gateway,
  type Observability,
} from '@retail/gateway';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal, type SpawnedOtsLocal } from '@retail/ots-local';
import { createTablestoreClient } from '@retail/tablestore';
import { startFunction, type PoolSettings, type RunningFunction } from './functions.js';
import { functionApps } from './paths.js';
import { seedDemoData, type DemoIds } from './seed/index.js';
import { ensurePlatformTables } from './tables.js';
import { fireTimer, scheduleTimers, timerTriggers } from './timers.js';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface DevOptions {
  /** ots-local's data directory: data survives restarts. */
  dataDir: string;
  /** Gateway port. Default 8080; 0 picks a free one. */
  port?: number;
  /** ots-local port. Default 8900; 0 picks a free one. */
  otsPort?: number;
  log: (line: Record<string, unknown>) => void;
  /**
   * Every function's instance settings over its s.yaml's, e.g. `{ provisioned: 0, instanceConcurrency: 1 }`
   * for all on demand, one request per instance. Default: the s.yaml's, at most 4 instances.
   */
  pool?: PoolSettings;
  /** Serve ots-local's fault rules at `/_admin/faults` (loopback only; `otsFaults(otsEndpoint)`). Default off. */
  otsAdmin?: boolean;
  /** Environment for every function instance over the dev defaults, e.g. `{ ORDER_PAYMENT_WINDOW_SECONDS: '20' }`. */
  functionEnv?: Record<string, string>;
  /**
   * Where the gateway keeps the functions' and its own log lines (`.data/logs`), bounded by
   * `maxLogBytes` (default 64 MiB). Default: in memory.
   */
  logDir?: string;
  maxLogBytes?: number;
}

export interface DevPlatform {
  url: string;
  otsEndpoint: string;
  functions: RunningFunction[];
  seeded: boolean;
  /** Ids of the demo data, for example calls. */
  demo: DemoIds;
  /** The logs, series and alarms behind `/_gateway/logs`, `/series`, `/alarms`. */
  observe: Observability;
  /** Fires one of a function's s.yaml timer triggers now (what the schedule does every minute). */
  fireTimer(fn: string, trigger: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/**
 * The whole platform on this machine: ots-local on a data directory, every function's tables,
 * demo data (once), every built function as FC-style instances, and the gateway in front of them.
 *
 * @example
 * const dev = await startDev({ dataDir: '.data/ots', log: console.error });
 */
export async function startDev(options: DevOptions): Promise<DevPlatform> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const ots: SpawnedOtsLocal = await spawnOtsLocal({
      dataDir: options.dataDir,
      port: options.otsPort ?? 8900,
      ...(options.otsAdmin ? { admin: true } : {}),
    });
    stops.push(() => ots.stop());
    const config = {
      endpoint: ots.endpoint,
      instanceName: DEV_INSTANCE,
      accessKeyId: DEV_ACCESS_KEY_ID,
      accessKeySecret: DEV_ACCESS_KEY_SECRET,
    };
    const client = createTablestoreClient(config);
    await ensurePlatformTables(client);
    const { seeded, ids } = await seedDemoData(client);
    client.close();
    const env = {
      ...process.env,
      OTS_ENDPOINT: ots.endpoint,
      OTS_INSTANCE: DEV_INSTANCE,
      OTS_ACCESS_KEY_ID: DEV_ACCESS_KEY_ID,
      OTS_ACCESS_KEY_SECRET: DEV_ACCESS_KEY_SECRET,
      FUNCTION_TIMEOUT_SECONDS: '10',
      ...options.functionEnv,
    };
    const metrics = new MetricsRegistry();
    const observe = createObservability({
      rules: loadAlarmRules({}).rules,
      ...(options.logDir === undefined ? {} : { logDir: options.logDir, maxLogBytes: options.maxLogBytes ?? 64 * 1024 * 1024 }),
    });
    stops.push(async () => observe.close());
    const functions: RunningFunction[] = [];
    const triggers = new Map<string, Awaited<ReturnType<typeof timerTriggers>>>();
    for (const app of functionApps()) {
      const running = await startFunction(app, {
        env,
        metrics,
        log: observe.poolLog(options.log),
        ...(options.pool ? { pool: options.pool } : {}),
      });
      functions.push(running);
      stops.push(() => running.stop());
      const own = await timerTriggers(join(REPO_ROOT, 'apps', app.name, 's.yaml'));
      triggers.set(app.name, own);
      const stopTimers = scheduleTimers(app.name, running.upstream, own, options.log);
      stops.push(async () => stopTimers());
    }
    const gateway: Gateway = await startGateway({
      port: options.port ?? 8080,
      channels: devChannels(),
      upstreams: Object.fromEntries(functions.map((fn) => [fn.name, fn.upstream])),
      metrics,
      observe,
      log: options.log,
      production: false,
    });
    stops.push(() => gateway.stop());
    return {
      url: gateway.url,
      otsEndpoint: ots.endpoint,
      functions,
      seeded,
      demo: ids,
      observe,
      fireTimer: async (fn, name) => {
        const running = functions.find((f) => f.name === fn);
        const trigger = triggers.get(fn)?.find((t) => t.name === name);
        if (!running || !trigger) throw new Error(`no timer trigger '${name}' on function '${fn}'`);
        return fireTimer(running.upstream, trigger);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
