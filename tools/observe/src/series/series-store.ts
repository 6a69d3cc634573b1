/**
 * The time-series store: one-second resolution over a ring of the last hour (by default) for every
 * (function, route, channel) label set the gateway sees and every function's instances, with a cap
 * on label sets so that memory stays bounded whatever the traffic.
 */
import { valueOver } from './aggregate.js';
import { LabelSets, type Labelled } from './label-sets.js';
import { bucketOf } from './latency-buckets.js';
import { labelsOf, LABELS, METRICS, POOL_FIELDS, REQUEST_FIELDS, type LabelName, type MetricName } from './metrics.js';
import { SecondRing } from './second-ring.js';

/** Options of {@link SeriesStore}. */
export interface SeriesStoreOptions {
  /** Seconds kept. Default 3660 (an hour, and a minute to spare). */
  seconds?: number;
  /** Most label sets per family before new ones count as `other`. Default 64. */
  maxLabelSets?: number;
  /** The clock (epoch ms). */
  now?: () => number;
}

/** One request as the gateway answered it. */
export interface RequestSample {
  function: string;
  route: string;
  channel: string;
  status: number;
  /** Left out for answers whose latency says nothing about the function (the gateway's own refusals). */
  latencyMs?: number;
}

/** A function's instances at one moment, and the cold starts since the previous sample. */
export interface PoolSample {
  function: string;
  busy: number;
  idle: number;
  starting: number;
  inFlight: number;
  capacity: number;
  maxInstances: number;
  coldStarts: number;
}

/** A query of one metric. */
export interface SeriesQuery {
  metric: MetricName;
  /** One series per value of this label; one series over everything when left out. */
  by?: LabelName;
  /** Only label sets with these values. */
  filters?: Partial<Record<LabelName, string>>;
  /** Epoch ms. */
  since: number;
  /** Epoch ms. Default now; the second in progress is never included. */
  until?: number;
  /** Seconds per point. Default 1. */
  step?: number;
}

/** A point: epoch ms of its first second, and the value. */
export type SeriesPoint = [number, number];

/** What `GET /_gateway/series` answers. */
export interface SeriesResult {
  metric: MetricName;
  step: number;
  series: Array<{ labels: Record<string, string>; points: SeriesPoint[] }>;
}

/**
 * Per-second series of requests and instances.
 *
 * @example
 * const series = new SeriesStore();
 * series.recordRequest({ function: 'member', route: '/members', channel: 'pos', status: 200, latencyMs: 3.2 });
 * series.query({ metric: 'requests', by: 'function', since: Date.now() - 15 * 60_000 });
 */
export class SeriesStore {
  readonly seconds: number;
  private readonly now: () => number;
  private readonly requests: LabelSets<SecondRing>;
  private readonly instances: LabelSets<SecondRing>;

  constructor(options: SeriesStoreOptions = {}) {
    this.seconds = options.seconds ?? 3660;
    this.now = options.now ?? Date.now;
    const cap = options.maxLabelSets ?? 64;
    this.requests = new LabelSets(LABELS.requests, cap, () => new SecondRing(this.seconds, REQUEST_FIELDS.length, true));
    this.instances = new LabelSets(LABELS.instances, cap, () => new SecondRing(this.seconds, POOL_FIELDS.length, false));
  }

  /** Counts one request in the second of `at`. */
  recordRequest(sample: RequestSample, at = this.now()): void {
    const ring = this.requests.get(sample as unknown as Record<string, string>).data;
    const slot = ring.slot(Math.floor(at / 1000));
    ring.fields[0]![slot]!++;
    if (sample.status >= 500) ring.fields[1]![slot]!++;
    if (sample.status === 429) ring.fields[2]![slot]!++;
    if (sample.latencyMs !== undefined) ring.observe(slot, bucketOf(sample.latencyMs));
  }

  /** Keeps a function's instance gauges for the second of `at` (the last sample of a second wins) and adds its cold starts. */
  recordPool(sample: PoolSample, at = this.now()): void {
    const ring = this.instances.get({ function: sample.function }).data;
    const slot = ring.slot(Math.floor(at / 1000));
    const values: Record<(typeof POOL_FIELDS)[number], number> = {
      ...sample,
      live: sample.busy + sample.idle + sample.starting,
      coldStarts: ring.fields[POOL_FIELDS.indexOf('coldStarts')]![slot]! + sample.coldStarts,
    };
    POOL_FIELDS.forEach((field, i) => (ring.fields[i]![slot] = Math.max(0, Math.round(values[field]))));
  }

  /** The series of one metric, a point per `step` seconds (aligned to multiples of it). */
  query(query: SeriesQuery): SeriesResult {
    const step = query.step ?? 1;
    const last = Math.floor((query.until ?? this.now()) / 1000) - 1;
    const first = Math.max(Math.floor(query.since / 1000), last - this.seconds + 2);
    const groups = this.groups(query.metric, query.by, query.filters ?? {});
    const definition = METRICS[query.metric];
    const series = groups.map(({ labels, rings }) => {
      const points: SeriesPoint[] = [];
      for (let from = first - (first % step); from <= last; from += step) {
        const value = valueOver(definition, rings, Math.max(from, first), Math.min(from + step - 1, last));
        if (value !== undefined) points.push([from * 1000, value]);
      }
      return { labels, points };
    });
    return { metric: query.metric, step, series };
  }

  /**
   * The value of a metric over the last `seconds` complete seconds before `at`, per value of `by`
   * (or once over everything): what an alarm rule compares with its threshold.
   *
   * @example
   * series.windowValues('latency_p99', { function: 'trading' }, undefined, 30, Date.now()) // [{ labels: {}, value: 212.5 }]
   */
  windowValues(
    metric: MetricName,
    filters: Partial<Record<LabelName, string>>,
    by: LabelName | undefined,
    seconds: number,
    at = this.now(),
  ): Array<{ labels: Record<string, string>; value: number | undefined }> {
    const last = Math.floor(at / 1000) - 1;
    return this.groups(metric, by, filters).map(({ labels, rings }) => ({
      labels,
      value: valueOver(METRICS[metric], rings, last - seconds + 1, last),
    }));
  }

  /** Bytes held by the series' arrays: bounded by (label sets + 1) x (seconds x fields + seconds x histogram). */
  memoryBytes(): number {
    return [...this.requests.all(), ...this.instances.all()].reduce((sum, entry) => sum + entry.data.bytes(), 0);
  }

  /** Label sets kept now, `other` included. */
  labelSetCount(): number {
    return this.requests.all().length + this.instances.all().length;
  }

  private groups(
    metric: MetricName,
    by: LabelName | undefined,
    filters: Partial<Record<LabelName, string>>,
  ): Array<{ labels: Record<string, string>; rings: SecondRing[] }> {
    if (by !== undefined && !labelsOf(metric).includes(by)) throw new RangeError(`${metric} has no label ${by}`);
    const sets: Array<Labelled<SecondRing>> = (METRICS[metric].family === 'requests' ? this.requests : this.instances).all();
    const grouped = new Map<string, { labels: Record<string, string>; rings: SecondRing[] }>();
    for (const { labels, data } of sets) {
      if (Object.entries(filters).some(([name, value]) => value !== undefined && labels[name] !== value)) continue;
      const key = by === undefined ? '' : labels[by]!;
      let group = grouped.get(key);
      if (!group) grouped.set(key, (group = { labels: by === undefined ? {} : { [by]: key }, rings: [] }));
      group.rings.push(data);
    }
    if (by === undefined && grouped.size === 0) return [{ labels: {}, rings: [] }];
    return [...grouped.values()].sort((a, b) => (a.labels[by ?? ''] ?? '').localeCompare(b.labels[by ?? ''] ?? ''));
  }
}
