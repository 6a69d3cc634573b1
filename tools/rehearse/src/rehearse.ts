/**
 * `pnpm rehearse`: the same promotion twice, once with the reserved instances and instance
 * concurrency of every s.yaml, once with neither (all on demand, one request per instance), and
 * a report of both.
 */
import type { PoolSettings } from '@retail/dev';
import { planRequests } from './plan.js';
import { expectedCount, promotionProfile, type ProfileOptions } from './profile.js';
import { runReport } from './report/run-report.js';
import type { Mode, RehearsalReport, RunReport, RunSettings } from './report/types.js';
import { runOnce } from './run/run-once.js';
import { cpuMeter } from './run/cpu.js';

export interface RehearsalOptions extends ProfileOptions {
  /** Which runs, in order. Default both. */
  modes?: Mode[];
  /** Most instances per function in the on-demand run. Default 10. */
  onDemandMaxInstances?: number;
  /** Seed of the crowd (arrivals, choices). Default 11. */
  seed?: number;
  progress?: (message: string) => void;
  /** The platform's log lines. Default: dropped. */
  log?: (line: Record<string, unknown>) => void;
  onPlatform?: (mode: Mode, url: string) => void;
}

const RESERVED_MAX_INSTANCES = 4;

function settingsOf(mode: Mode, onDemandMax: number): { settings: RunSettings; pool: PoolSettings | undefined } {
  if (mode === 'reserved') {
    return {
      settings: {
        mode,
        label: 'reserved + concurrency (s.yaml)',
        provisioned: 'from s.yaml (2 per function)',
        instanceConcurrency: 'from s.yaml (50)',
        maxInstances: RESERVED_MAX_INSTANCES,
      },
      pool: undefined,
    };
  }
  return {
    settings: {
      mode,
      label: 'all on demand, 1 request per instance',
      provisioned: '0',
      instanceConcurrency: '1',
      maxInstances: onDemandMax,
    },
    pool: { provisioned: 0, instanceConcurrency: 1, maxInstances: onDemandMax },
  };
}

/**
 * Runs the rehearsal and returns its report (write it with `writeReport`).
 *
 * @example
 * const report = await rehearse({ seconds: 60, progress: (m) => process.stderr.write(`${m}\n`) });
 */
export async function rehearse(options: RehearsalOptions = {}): Promise<RehearsalReport> {
  const seconds = options.seconds ?? 60;
  const baselineRps = options.baselineRps ?? 4;
  const peakFactor = options.peakFactor ?? 25;
  const grabFactor = options.grabFactor ?? 5;
  const phases = promotionProfile({ seconds, baselineRps, peakFactor, grabFactor });
  const plan = planRequests(phases, options.seed ?? 11);
  // Demand above supply: the grab and the sale both sell out, which is what the invariants are about.
  const claims = expectedCount(phases, 'claim');
  const buys = expectedCount(phases, 'flash-buy');
  const seed = {
    members: Math.round(Math.min(3000, Math.max(100, claims + buys))),
    couponTotal: Math.max(5, Math.round(claims * 0.5)),
    flashQuantity: Math.max(5, Math.round(buys * 0.4)),
  };
  const progress = options.progress ?? (() => {});
  const runs: RunReport[] = [];
  const startedAt = new Date().toISOString();
  for (const mode of options.modes ?? ['reserved', 'on-demand']) {
    const { settings, pool } = settingsOf(mode, options.onDemandMaxInstances ?? 10);
    progress(`run ${runs.length + 1}: ${settings.label}`);
    const outcome = await runOnce({
      plan,
      seconds,
      grabAt: phases.find((p) => p.name === 'coupon-grab')?.start ?? 0,
      flashAt: phases.find((p) => p.name === 'flash-sale')?.start ?? 0,
      seed,
      pool,
      randomSeed: (options.seed ?? 11) + 1,
      progress,
      ...(options.log ? { log: options.log } : {}),
      ...(options.onPlatform ? { onPlatform: (url: string) => options.onPlatform?.(mode, url) } : {}),
    });
    runs.push(runReport(settings, outcome, { phases, seconds, cores: cpuMeter().cores }));
  }
  return { startedAt, seconds, baselineRps, peakFactor, grabFactor, phases, seed, runs };
}
