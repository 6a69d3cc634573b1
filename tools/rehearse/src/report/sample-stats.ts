/** Figures of a run from the gateway's samples: CPU by component, the queue, cold starts, instances. */
import type { Phase, PhaseName } from '../profile.js';
import type { Sample } from '../run/sampler.js';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Mean cores used per component in each phase. */
export function cpuByPhase(samples: readonly Sample[], phases: readonly Phase[]): Record<PhaseName, Record<string, number>> {
  const result = {} as Record<PhaseName, Record<string, number>>;
  for (const phase of phases) {
    const inPhase = samples.filter((s) => s.t > phase.start && s.t <= phase.end);
    const totals: Record<string, number> = {};
    for (const sample of inPhase)
      for (const [name, cores] of Object.entries(sample.cpu)) totals[name] = (totals[name] ?? 0) + cores;
    result[phase.name] = Object.fromEntries(
      Object.entries(totals)
        .map(([name, total]): [string, number] => [name, round(total / Math.max(1, inPhase.length), 2)])
        .sort((a, b) => b[1] - a[1]),
    );
  }
  return result;
}

/** Share of all cores busy per phase: every component, this run's and the rest of the machine's. */
export function machineBusyByPhase(cpu: Record<string, Record<string, number>>, cores: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(cpu).map(([phase, parts]) => [
      phase,
      round(Object.values(parts).reduce((a, b) => a + b, 0) / Math.max(1, cores), 2),
    ]),
  );
}

/** Requests that waited for an instance slot over the run, and the deepest queue sampled. */
export function queued(samples: readonly Sample[]): { requests: number; maxDepth: number } {
  const first = samples[0]?.queuedTotal ?? 0;
  const last = samples[samples.length - 1]?.queuedTotal ?? 0;
  return { requests: last - first, maxDepth: Math.max(0, ...samples.map((s) => s.queueDepth)) };
}

/** Cold starts per function over the run (the counter's rise between the first and last sample). */
export function coldStarts(samples: readonly Sample[]): Record<string, number> {
  const first = samples[0]?.coldStarts ?? {};
  const last = samples[samples.length - 1]?.coldStarts ?? {};
  return Object.fromEntries(Object.entries(last).map(([fn, n]) => [fn, n - (first[fn] ?? 0)]));
}

/** The most instances each function had at once. */
export function maxInstances(samples: readonly Sample[]): Record<string, number> {
  const max: Record<string, number> = {};
  for (const s of samples) for (const [fn, n] of Object.entries(s.instancesByFunction)) max[fn] = Math.max(max[fn] ?? 0, n);
  return max;
}

/** Mean cores used by the rest of the machine (not this run's processes) over all samples. */
export function otherLoad(samples: readonly Sample[]): number {
  const values = samples.map((s) => s.cpu['elsewhere on this machine'] ?? 0);
  return round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 2);
}
