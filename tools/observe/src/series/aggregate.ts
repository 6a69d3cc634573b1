/** A metric's value over some seconds of some label sets: what a point of a series or an alarm window is. */
import { BUCKETS, percentile } from './latency-buckets.js';
import { POOL_FIELDS, REQUEST_FIELDS, type MetricDefinition } from './metrics.js';
import type { SecondRing } from './second-ring.js';

/**
 * The value of `metric` over the seconds `from..to` (inclusive) of `rings` together: a rate is per
 * second, a gauge the mean of the seconds that were sampled, a percentile in ms. Undefined when
 * there is nothing to say (no request for a percentile or a request ratio, no sample for a gauge).
 *
 * @example
 * valueOver(METRICS.requests, rings, 1794268800, 1794268804) // requests per second over 5 s
 */
export function valueOver(metric: MetricDefinition, rings: readonly SecondRing[], from: number, to: number): number | undefined {
  const index = (field: string) =>
    (metric.family === 'requests' ? (REQUEST_FIELDS as readonly string[]) : (POOL_FIELDS as readonly string[])).indexOf(field);
  switch (metric.kind) {
    case 'rate': {
      const { total } = sum(rings, from, to, index(metric.field));
      return round(total / (to - from + 1), 3);
    }
    case 'gauge':
      return gauge(rings, from, to, index(metric.field));
    case 'ratio': {
      const numerator = sum(rings, from, to, index(metric.numerator));
      const denominator = sum(rings, from, to, index(metric.denominator));
      if (denominator.total > 0) return round(Math.min(1, numerator.total / denominator.total), 4);
      // No ready slot: a function with requests in flight is full, one without is empty.
      if (metric.family === 'instances' && denominator.sampled) return numerator.total > 0 ? 1 : 0;
      return undefined;
    }
    case 'percentile': {
      const merged = new Uint32Array(BUCKETS);
      for (let second = from; second <= to; second++) {
        for (const ring of rings) {
          const slot = ring.find(second);
          const counts = slot < 0 ? undefined : ring.histograms?.[slot];
          if (counts) for (let i = 0; i < BUCKETS; i++) merged[i]! += counts[i]!;
        }
      }
      return percentile(merged, metric.q);
    }
  }
}

function sum(rings: readonly SecondRing[], from: number, to: number, field: number): { total: number; sampled: boolean } {
  let total = 0;
  let sampled = false;
  for (let second = from; second <= to; second++) {
    for (const ring of rings) {
      const slot = ring.find(second);
      if (slot < 0) continue;
      sampled = true;
      total += ring.fields[field]![slot]!;
    }
  }
  return { total, sampled };
}

function gauge(rings: readonly SecondRing[], from: number, to: number, field: number): number | undefined {
  let total = 0;
  let seconds = 0;
  for (let second = from; second <= to; second++) {
    let sampled = false;
    for (const ring of rings) {
      const slot = ring.find(second);
      if (slot < 0) continue;
      sampled = true;
      total += ring.fields[field]![slot]!;
    }
    if (sampled) seconds++;
  }
  return seconds === 0 ? undefined : round(total / seconds, 3);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
