/**
 * The FC emulation's series, once per registry however many pools share it (API.md, Gateway
 * endpoints): `retail_instances{function,state}`, `retail_cold_starts_total{function}`, and the queue.
 */
import { escapeLabel, type Counter, type MetricsRegistry } from '../metrics.js';

/** What a pool reports at each scrape. */
export interface PoolSnapshot {
  function: string;
  busy: number;
  idle: number;
  starting: number;
  /** Requests waiting for a slot. */
  queued: number;
  /** Requests running on instances (instance concurrency in use, summed over instances). */
  inFlight: number;
  /** Slots of ready instances (instances × instanceConcurrency). */
  capacity: number;
  /** Most instances the pool may run at once. */
  maxInstances: number;
}

/** The counters a pool increments. */
export interface PoolMetrics {
  coldStarts: Counter;
  queuedTotal: Counter;
  exits: Counter;
  /** Adds a pool to the gauges; returns the function that removes it. */
  track(snapshot: () => PoolSnapshot): () => void;
  /** What every tracked pool shows now (the gateway samples it for its time series). */
  snapshots(): PoolSnapshot[];
}

const byRegistry = new WeakMap<MetricsRegistry, PoolMetrics>();

/** The pool series of `registry` if a pool has registered them, without registering them. */
export function registeredPoolMetrics(registry: MetricsRegistry): PoolMetrics | undefined {
  return byRegistry.get(registry);
}

/** The pool series of `registry`, registered on first use. */
export function poolMetrics(registry: MetricsRegistry): PoolMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const sources = new Set<() => PoolSnapshot>();
  const created: PoolMetrics = {
    coldStarts: registry.counter(
      'retail_cold_starts_total',
      'On-demand function instances started because every instance was busy.',
      ['function'],
    ),
    queuedTotal: registry.counter('retail_queued_requests_total', 'Requests that had to wait for a free instance slot.', [
      'function',
    ]),
    exits: registry.counter(
      'retail_instance_exits_total',
      'Function instances that ended, by reason (idle, timeout, crash, start-failed, closed).',
      ['function', 'reason'],
    ),
    track(snapshot) {
      sources.add(snapshot);
      return () => sources.delete(snapshot);
    },
    snapshots: () => [...sources].map((source) => source()),
  };
  registry.collect(() => {
    const snapshots = [...sources].map((source) => source());
    const gauge = (name: string, help: string, rows: Array<[Record<string, string>, number]>) => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} gauge`,
      ...rows.map(([labels, value]) => `${name}{${labelText(labels)}} ${value}`),
    ];
    return [
      ...gauge(
        'retail_instances',
        'Function instances by state: busy (running requests), idle, starting.',
        snapshots.flatMap((s) => [
          [{ function: s.function, state: 'busy' }, s.busy] as [Record<string, string>, number],
          [{ function: s.function, state: 'idle' }, s.idle],
          [{ function: s.function, state: 'starting' }, s.starting],
        ]),
      ),
      ...gauge(
        'retail_queue_depth',
        'Requests waiting for a free instance slot.',
        snapshots.map((s) => [{ function: s.function }, s.queued]),
      ),
      ...gauge(
        'retail_instance_concurrency_in_use',
        'Requests running on function instances.',
        snapshots.map((s) => [{ function: s.function }, s.inFlight]),
      ),
      ...gauge(
        'retail_instance_concurrency_capacity',
        'Request slots of ready function instances (instances x instanceConcurrency).',
        snapshots.map((s) => [{ function: s.function }, s.capacity]),
      ),
    ];
  });
  byRegistry.set(registry, created);
  return created;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',');
}
