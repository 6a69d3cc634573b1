/** One run's report from what the run brought back: the load records, the samples, the access lines, the invariants. */
import type { Phase } from '../profile.js';
import type { RunOutcome } from '../run/run-once.js';
import { functionsIn, layersByPhase } from './layer-stats.js';
import { coldStarts, cpuByPhase, machineBusyByPhase, maxInstances, otherLoad, queued } from './sample-stats.js';
import { burstRatio, perSecond, phaseStats, throttledByChannel } from './stats.js';
import type { RunReport, RunSettings } from './types.js';

/**
 * The figures of one run.
 *
 * @example
 * const report = runReport(settings, outcome, { phases, seconds: 60, cores: 2 });
 */
export function runReport(
  settings: RunSettings,
  outcome: RunOutcome,
  options: { phases: Phase[]; seconds: number; cores: number },
): RunReport {
  const { records, cost } = outcome.load;
  const phases = phaseStats(records, options.phases);
  const byCode: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  for (const phase of phases) {
    for (const [code, n] of Object.entries(phase.refusals)) byCode[code] = (byCode[code] ?? 0) + n;
    for (const [code, n] of Object.entries(phase.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + n;
  }
  const shares = cost.cpuPerSecond;
  const cpu = cpuByPhase(outcome.samples, options.phases);
  return {
    settings,
    phases,
    perSecond: perSecond(records, outcome.samples, options.seconds),
    burstRatio: burstRatio(phases),
    errors: {
      errors5xx: phases.reduce((n, p) => n + p.errors5xx, 0),
      noAnswer: phases.reduce((n, p) => n + p.noAnswer, 0),
      byCode,
      errorCodes,
    },
    throttledByChannel: throttledByChannel(records),
    coldStarts: coldStarts(outcome.samples),
    maxInstances: maxInstances(outcome.samples),
    queued: queued(outcome.samples),
    layers: layersByPhase(outcome.layers, options.phases, outcome.t0),
    functionsInBurst: functionsIn(
      outcome.layers,
      options.phases.find((p) => p.name === 'flash-sale'),
      outcome.t0,
    ),
    invariants: outcome.invariants,
    generator: {
      ...cost,
      cpuShareMax: Math.round(Math.max(0, ...shares) * 100) / 100,
      cpuShareMean: Math.round((shares.reduce((a, b) => a + b, 0) / Math.max(1, shares.length)) * 100) / 100,
    },
    machineBusyByPhase: machineBusyByPhase(cpu, options.cores),
    otherLoadCores: otherLoad(outcome.samples),
    cpuByPhase: cpu,
    cores: options.cores,
  };
}
