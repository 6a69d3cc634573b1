import type { AddressInfo } from 'node:net';
import { Database } from './engine/database.js';
import { noJournal } from './engine/journal.js';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE } from './defaults.js';
import { FaultInjector, parseFaultConfig, type FaultConfig } from './faults/index.js';
import { stderrLogger, type Logger } from './log.js';
import { createOtsServer } from './server/http-server.js';
import { DataDir } from './storage/data-dir.js';

export { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE } from './defaults.js';
export type { Logger } from './log.js';
export { startFaultyProxy, type Fault, type FaultyProxy } from './testing/faulty-proxy.js';
export * from './faults/index.js';
export { spawnOtsLocal, type SpawnedOtsLocal, type SpawnOptions } from './spawn.js';

/** Options for {@link startOtsLocal}. */
export interface OtsLocalOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Directory for the write-ahead log and snapshots. Required unless `memory` is true. */
  dataDir?: string;
  /** Keep everything in memory only (nothing survives a stop). */
  memory?: boolean;
  /** Instance name the SDK must send in `x-ots-instancename`. Default `OTS_INSTANCE` or `retail-dev`. */
  instanceName?: string;
  /** Access key pair accepted. Defaults: `OTS_ACCESS_KEY_ID` / `OTS_ACCESS_KEY_SECRET`, else the dev pair. */
  accessKeyId?: string;
  accessKeySecret?: string;
  /** Where structured JSON log lines go. Default: stderr. Pass `() => {}` to silence. */
  log?: Logger;
  /** Write a snapshot once the log reaches this many bytes. Default 64 MiB. */
  snapshotAfterBytes?: number;
  /** Fault rules in force from the start (see README, "Faults"); validated, a bad one throws. */
  faults?: FaultConfig;
  /** Serve the admin route `/_admin/faults` to loopback callers, to change the rules at run time. Default false. */
  admin?: boolean;
}

/** A running server. */
export interface OtsLocal {
  /** `http://127.0.0.1:<port>`: give it to `new TableStore.Client({ endpoint })`. */
  endpoint: string;
  port: number;
  instanceName: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Stops listening, flushes the log and closes files. */
  stop(): Promise<void>;
}

/**
 * Starts a local Tablestore server that the unmodified `tablestore` SDK talks to.
 *
 * @example
 * const ots = await startOtsLocal({ port: 0, memory: true });
 * const client = new TableStore.Client({ endpoint: ots.endpoint, instancename: ots.instanceName,
 *   accessKeyId: ots.accessKeyId, secretAccessKey: ots.accessKeySecret });
 * await ots.stop();
 */
export async function startOtsLocal(options: OtsLocalOptions = {}): Promise<OtsLocal> {
  const log = options.log ?? stderrLogger;
  const credentials = {
    instanceName: options.instanceName ?? process.env.OTS_INSTANCE ?? DEV_INSTANCE,
    accessKeyId: options.accessKeyId ?? process.env.OTS_ACCESS_KEY_ID ?? DEV_ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? process.env.OTS_ACCESS_KEY_SECRET ?? DEV_ACCESS_KEY_SECRET,
  };
  if (!options.memory && !options.dataDir) throw new Error('startOtsLocal needs a dataDir, or memory: true.');
  // Rules are checked before anything opens, so a bad set fails start-up and names the field.
  const faultConfig = options.faults ? parseFaultConfig(options.faults) : undefined;
  let dataDir: DataDir | undefined;
  const db = new Database({ append: (record) => (dataDir ?? noJournal).append(record) });
  if (!options.memory) dataDir = await DataDir.open(options.dataDir!, db, log, options.snapshotAfterBytes);
  const barrier = dataDir ? () => dataDir!.barrier() : () => Promise.resolve();
  const faults = faultConfig || options.admin ? new FaultInjector(faultConfig) : undefined;
  const server = createOtsServer({ db, credentials, log, barrier, faults, admin: options.admin ?? false });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host}:${port}`;
  log({
    level: 'info',
    event: 'started',
    endpoint,
    instanceName: credentials.instanceName,
    dataDir: options.dataDir ?? null,
    ...(faults ? { faultRules: faults.state().rules.length, admin: options.admin ?? false } : {}),
  });
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    ...credentials,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          faults?.endHung();
          server.closeIdleConnections();
        });
        await dataDir?.close();
        log({ level: 'info', event: 'stopped', endpoint });
      })();
      return stopping;
    },
  };
}
