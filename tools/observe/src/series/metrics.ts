/**
 * The metrics of `GET /_gateway/series` and of alarm rules, and how each is computed from the
 * per-second fields the store keeps.
 */

/** The fields kept per second for a (function, route, channel) label set. */
export const REQUEST_FIELDS = ['requests', 'errors', 'throttled'] as const;
/** The fields kept per second for a function's instances. */
export const POOL_FIELDS = ['busy', 'idle', 'starting', 'inFlight', 'capacity', 'live', 'maxInstances', 'coldStarts'] as const;

export type RequestField = (typeof REQUEST_FIELDS)[number];
export type PoolField = (typeof POOL_FIELDS)[number];

/** How a metric's value over some seconds is computed. */
export type MetricDefinition =
  | { family: 'requests'; kind: 'rate'; field: RequestField }
  | { family: 'requests'; kind: 'percentile'; q: number }
  | { family: 'requests'; kind: 'ratio'; numerator: RequestField; denominator: RequestField }
  | { family: 'instances'; kind: 'rate'; field: PoolField }
  | { family: 'instances'; kind: 'gauge'; field: PoolField }
  | { family: 'instances'; kind: 'ratio'; numerator: PoolField; denominator: PoolField };

/**
 * Every metric: the contract's, plus `error_rate` (5xx over all requests, 0..1) and
 * `instance_saturation` (instances over the function's maximum, 0..1) for alarm rules.
 */
export const METRICS = {
  requests: { family: 'requests', kind: 'rate', field: 'requests' },
  errors: { family: 'requests', kind: 'rate', field: 'errors' },
  throttled: { family: 'requests', kind: 'rate', field: 'throttled' },
  latency_p50: { family: 'requests', kind: 'percentile', q: 0.5 },
  latency_p95: { family: 'requests', kind: 'percentile', q: 0.95 },
  latency_p99: { family: 'requests', kind: 'percentile', q: 0.99 },
  error_rate: { family: 'requests', kind: 'ratio', numerator: 'errors', denominator: 'requests' },
  cold_starts: { family: 'instances', kind: 'rate', field: 'coldStarts' },
  instances_busy: { family: 'instances', kind: 'gauge', field: 'busy' },
  instances_idle: { family: 'instances', kind: 'gauge', field: 'idle' },
  instances_starting: { family: 'instances', kind: 'gauge', field: 'starting' },
  concurrency_in_use: { family: 'instances', kind: 'ratio', numerator: 'inFlight', denominator: 'capacity' },
  instance_saturation: { family: 'instances', kind: 'ratio', numerator: 'live', denominator: 'maxInstances' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

/** The labels of each family's series. */
export const LABELS = {
  requests: ['function', 'route', 'channel'],
  instances: ['function'],
} as const;

export type LabelName = (typeof LABELS.requests)[number];

/** Whether `name` is a metric. */
export function isMetric(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/** The label names a metric's series carry. */
export function labelsOf(metric: MetricName): readonly LabelName[] {
  return LABELS[METRICS[metric].family];
}
