/**
 * One run of the profile: the platform on free ports and a scratch data directory, the seed, the
 * crowd, the samples, the invariants, and the platform stopped again.
 */
import { startDev, type PoolSettings } from '@retail/dev';
import { devChannels } from '@retail/gateway';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoad, type LoadResult } from '../load/index.js';
import type { Plan } from '../plan.js';
import { KINDS } from '../profile.js';
import { checkInvariants, type Invariant } from './invariants.js';
import { accessLines, type LayerLine } from './layers.js';
import { startSampler, type Sample } from './sampler.js';
import { openPromotions, seedCrowd } from './seed.js';
import { storageClient } from './storage.js';

export interface RunOptions {
  plan: Plan;
  seconds: number;
  /** Seconds from the start where the coupon grab and the flash sale open. */
  grabAt: number;
  flashAt: number;
  seed: { members: number; couponTotal: number; flashQuantity: number };
  pool: PoolSettings | undefined;
  randomSeed: number;
  /** Progress lines. */
  progress: (message: string) => void;
  /** The platform's own log lines. Default: dropped. */
  log?: (line: Record<string, unknown>) => void;
  /** Called once the platform is up (the dashboard test opens the page then). */
  onPlatform?: (url: string) => void;
}

export interface RunOutcome {
  load: LoadResult;
  samples: Sample[];
  invariants: Invariant[];
  /** The gateway's and the functions' access lines of the run. */
  layers: LayerLine[];
  /** Epoch ms of second 0. */
  t0: number;
}

// Time from the seed's end to second 0: the load generator's process starts meanwhile.
const LEAD_MS = 1500;
// Samples taken after the last request: instances going idle, counters settling.
const TAIL_MS = 1500;

/**
 * Runs the plan once against a platform of its own.
 *
 * @example
 * const outcome = await runOnce({ plan, seconds: 60, grabAt: 18, flashAt: 27, seed, pool: undefined, randomSeed: 1, progress: () => {} });
 */
export async function runOnce(options: RunOptions): Promise<RunOutcome> {
  const dataDir = await mkdtemp(join(tmpdir(), 'retail-rehearse-'));
  try {
    const platform = await startDev({
      dataDir,
      port: 0,
      otsPort: 0,
      log: options.log ?? (() => {}),
      ...(options.pool ? { pool: options.pool } : {}),
    });
    const client = storageClient(platform.otsEndpoint);
    try {
      options.onPlatform?.(platform.url);
      options.progress(
        `platform up at ${platform.url} (watch it at ${platform.url}/_gateway/dashboard); seeding ${options.seed.members} members, a coupon campaign and a flash sale`,
      );
      const crowd = await seedCrowd(client, options.seed.members);
      const t0 = Date.now() + LEAD_MS;
      const promotions = await openPromotions(client, {
        couponTotal: options.seed.couponTotal,
        flashQuantity: options.seed.flashQuantity,
        flashStoreId: platform.demo.storeId ?? '',
        grabAt: t0 + options.grabAt * 1000,
        flashAt: t0 + options.flashAt * 1000,
        endsAt: t0 + options.seconds * 1000,
      });
      const channels = devChannels();
      const sampler = startSampler(platform.url, t0);
      options.progress(`sending ${options.plan.at.length} planned requests over ${options.seconds} s`);
      const run = startLoad({
        url: platform.url,
        t0,
        plan: options.plan,
        targets: { ...crowd, ...promotions },
        channels,
        seed: options.randomSeed,
      });
      const load = await run.result;
      await new Promise((resolve) => setTimeout(resolve, TAIL_MS));
      const samples = sampler.stop();
      const layers = await accessLines(platform.url, t0, Date.now());
      const soldOut = load.records.codes.indexOf('sold-out');
      const flashBuy = KINDS.indexOf('flash-buy');
      const invariants = await checkInvariants(client, {
        ...promotions,
        couponTotal: options.seed.couponTotal,
        flashQuantity: options.seed.flashQuantity,
        created: load.created,
        soldOutAnswered: load.records.code.some((code, i) => code === soldOut && load.records.kind[i] === flashBuy),
      });
      return { load, samples, invariants, layers, t0 };
    } finally {
      client.close();
      await platform.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
