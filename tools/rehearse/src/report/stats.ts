/**
 * Figures of one run from the load generator's records: per phase, per second, the burst ratio,
 * refusals and 429s.
 */
import type { LoadRecords } from '../load/index.js';
import { CHANNELS } from '../plan.js';
import { KINDS, phaseAt, type Phase } from '../profile.js';
import type { Sample } from '../run/sampler.js';
import type { Latency, PhaseStats, SecondStats } from './types.js';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * p50, p95, p99 and max of latencies (nearest rank).
 *
 * @example
 * latencyOf([1, 2, 3, 4]) // { count: 4, p50: 3, p95: 4, p99: 4, max: 4 }
 */
export function latencyOf(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0 ? 0 : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Whether a record's latency counts: answered, or timed out; not 429 (the gateway's instant refusal) nor never sent. */
function timed(status: number): boolean {
  return status !== 429 && status !== -1;
}

/** Per-phase figures. */
export function phaseStats(records: LoadRecords, phases: readonly Phase[]): PhaseStats[] {
  return phases.map((phase) => {
    const latencies: number[] = [];
    const byKind = new Map<string, number[]>();
    const stats: PhaseStats = {
      phase: phase.name,
      seconds: round(phase.end - phase.start),
      rps: 0,
      ...latencyOf([]),
      errors5xx: 0,
      noAnswer: 0,
      throttled: 0,
      refusals: {},
      errorCodes: {},
      byKind: {},
    };
    let planned = 0;
    records.at.forEach((at, i) => {
      if (phaseAt(phases, at / 1000) !== phase.name) return;
      const status = records.status[i]!;
      planned++;
      if (timed(status)) {
        latencies.push(records.latencyMs[i]!);
        const kind = KINDS[records.kind[i]!] ?? 'unknown';
        byKind.set(kind, [...(byKind.get(kind) ?? []), records.latencyMs[i]!]);
      }
      const code = records.codes[records.code[i]!] ?? String(status);
      if (status >= 500) {
        stats.errors5xx++;
        stats.errorCodes[code] = (stats.errorCodes[code] ?? 0) + 1;
      } else if (status === 0) stats.noAnswer++;
      else if (status === 429) stats.throttled++;
      else if (status >= 400) stats.refusals[code] = (stats.refusals[code] ?? 0) + 1;
    });
    stats.byKind = Object.fromEntries(
      [...byKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, values]) => [kind, latencyOf(values)]),
    );
    return { ...stats, ...latencyOf(latencies), rps: round(planned / Math.max(0.001, phase.end - phase.start)) };
  });
}

/** p99 of the flash sale over p99 of the baseline. */
export function burstRatio(phases: readonly PhaseStats[]): number | null {
  const base = phases.find((p) => p.phase === 'baseline');
  const burst = phases.find((p) => p.phase === 'flash-sale');
  return base && burst && base.p99 > 0 ? round(burst.p99 / base.p99, 2) : null;
}

/** Per-second figures: requests planned in each second, and the instances sampled then. */
export function perSecond(records: LoadRecords, samples: readonly Sample[], seconds: number): SecondStats[] {
  const buckets = Array.from({ length: Math.ceil(seconds) }, () => ({ sent: 0, ok: 0, latencies: [] as number[] }));
  records.at.forEach((at, i) => {
    const bucket = buckets[Math.floor(at / 1000)];
    if (!bucket) return;
    const status = records.status[i]!;
    bucket.sent++;
    if (status >= 200 && status < 500 && status !== 429) bucket.ok++;
    if (timed(status)) bucket.latencies.push(records.latencyMs[i]!);
  });
  const coldTotal = (s: Sample | undefined) => (s ? Object.values(s.coldStarts).reduce((a, b) => a + b, 0) : 0);
  return buckets.map((bucket, t) => {
    const latency = latencyOf(bucket.latencies);
    const index = samples.findIndex((s) => s.t >= t + 1);
    const sample = samples[index];
    return {
      t,
      sent: bucket.sent,
      ok: bucket.ok,
      p50: latency.count ? latency.p50 : null,
      p99: latency.count ? latency.p99 : null,
      instances: sample ? sample.instances.busy + sample.instances.idle : null,
      starting: sample ? sample.instances.starting : null,
      coldStarts: sample ? coldTotal(sample) - coldTotal(samples[index - 1] ?? samples[0]) : null,
    };
  });
}

/** 429s per channel over the run. */
export function throttledByChannel(records: LoadRecords): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
  records.status.forEach((status, i) => {
    if (status === 429) counts[CHANNELS[records.channel[i]!]!]!++;
  });
  return counts;
}
