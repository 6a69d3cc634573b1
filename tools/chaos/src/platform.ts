import { createRetailClient, createTransport, type RetailClient, type Transport } from '@retail/client';
import { startDev, type DevPlatform } from '@retail/dev';
import { devChannels } from '@retail/gateway';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, otsFaults, type OtsFaults } from '@retail/ots-local';
import { createTablestoreClient, type TablestoreClient } from '@retail/tablestore';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The short windows a chaos run needs so that recovery finishes within the run: orders wait 8 s
 * for payment; half-made orders, dead flash purchases and dead claims are repaired after 12 s
 * (longer than the functions' 10 s timeout, as the functions require).
 */
export const WINDOWS = { paymentSeconds: 8, repairSeconds: 12, claimGraceSeconds: 12, functionTimeoutSeconds: 10 } as const;

/** The platform under test and the handles a chaos run drives it with. */
export interface ChaosPlatform {
  dev: DevPlatform;
  /** Storage, read directly for the invariants (the same tables the functions use). */
  storage: TablestoreClient;
  /** ots-local's fault rules. */
  ots: OtsFaults;
  /** The admin channel app: set-up and the gateway's instance-fault routes. */
  admin: RetailClient;
  adminTransport: Transport;
  /** Channel apps the simulated shoppers use, in turn. */
  shoppers: RetailClient[];
  /** How many times the functions logged each of {@link WATCHED_LINES} between two times (epoch ms), from the gateway's log store. */
  functionLog(since: number, until: number): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Function log lines (their `msg`) that tell how a failure reached a caller: a retryable 503
 * (`storage unavailable`, `storage outcome unknown`), a masked 500 (`unhandled error`), or a
 * finished request answered though its response could not be stored for replay.
 */
export const WATCHED_LINES = [
  'storage unavailable',
  'storage outcome unknown',
  'unhandled error',
  'idempotent response not stored; answered anyway',
] as const;

/**
 * Starts the whole platform as `pnpm dev` does (tools/dev `startDev`) on free ports and a scratch
 * data directory, with ots-local's fault admin route on and the short windows of {@link WINDOWS}.
 *
 * @example
 * const platform = await startChaosPlatform();
 * await platform.ots.set([{ fault: 'error', error: 'OTSServerBusy', probability: 0.05 }]);
 * await platform.stop();
 */
export async function startChaosPlatform(log: (line: Record<string, unknown>) => void = () => {}): Promise<ChaosPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'retail-chaos-'));
  const dev = await startDev({
    dataDir,
    port: 0,
    otsPort: 0,
    otsAdmin: true,
    log,
    functionEnv: {
      ORDER_PAYMENT_WINDOW_SECONDS: String(WINDOWS.paymentSeconds),
      REPAIR_AFTER_SECONDS: String(WINDOWS.repairSeconds),
      COUPON_CLAIM_GRACE_SECONDS: String(WINDOWS.claimGraceSeconds),
      FUNCTION_TIMEOUT_SECONDS: String(WINDOWS.functionTimeoutSeconds),
    },
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const storage = createTablestoreClient({
    endpoint: dev.otsEndpoint,
    instanceName: DEV_INSTANCE,
    accessKeyId: DEV_ACCESS_KEY_ID,
    accessKeySecret: DEV_ACCESS_KEY_SECRET,
  });
  const channels = devChannels();
  const client = (channel: string) => {
    const app = channels[channel];
    if (!app) throw new Error(`no dev channel app '${channel}'`);
    return { baseUrl: dev.url, appKey: app.appKey, appSecret: app.appSecret, timeoutMs: 30_000 };
  };
  return {
    dev,
    storage,
    ots: otsFaults(dev.otsEndpoint),
    admin: createRetailClient(client('admin')),
    adminTransport: createTransport(client('admin')),
    shoppers: ['wechat', 'alipay', 'app'].map((channel) => createRetailClient(client(channel))),
    functionLog: async (since, until) => {
      const counts: Record<string, number> = {};
      for (const msg of WATCHED_LINES) {
        counts[msg] = 0;
        for (let cursor: string | undefined; ;) {
          const page = await dev.observe.logs.query({ since, until, q: msg, limit: 1000, ...(cursor ? { cursor } : {}) });
          counts[msg] += page.items.filter((line) => line.msg === msg).length;
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
      }
      return counts;
    },
    async stop() {
      storage.close();
      await dev.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
