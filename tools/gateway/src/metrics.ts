/**
 * A small Prometheus registry (text exposition format 0.0.4): counters and histograms with fixed
 * label names, plus collectors that other parts (the FC instance emulation) add their lines with.
 */

type Labels = Record<string, string>;

/** The default latency buckets, in seconds. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A monotonically increasing count per label set. */
export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  inc(labels: Labels, by = 1): void {
    const key = labelKey(this.labelNames, labels);
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels: pick(this.labelNames, labels), value: by });
  }

  /** The current value for a label set (0 when never counted). */
  get(labels: Labels): number {
    return this.values.get(labelKey(this.labelNames, labels))?.value ?? 0;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${formatLabels(labels)} ${value}`);
    return lines;
  }
}

/** Observations in cumulative buckets, with their sum and count, per label set. */
export class Histogram {
  private readonly series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[] = DURATION_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    const key = labelKey(this.labelNames, labels);
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: pick(this.labelNames, labels),
        buckets: new Array<number>(this.bounds.length).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) series.buckets[i]!++;
    series.sum += value;
    series.count++;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.series.values()) {
      this.bounds.forEach((bound, i) =>
        lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: String(bound) })} ${buckets[i]}`),
      );
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${sum}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${count}`);
    }
    return lines;
  }
}

/** Returns exposition lines (with their own `# HELP`/`# TYPE`) at each scrape. */
export type Collector = () => string[];

/** The metrics one gateway serves at `GET /_gateway/metrics`. */
export class MetricsRegistry {
  private readonly metrics: Array<Counter | Histogram> = [];
  private readonly collectors: Collector[] = [];

  counter(name: string, help: string, labelNames: readonly string[]): Counter {
    const counter = new Counter(name, help, labelNames);
    this.metrics.push(counter);
    return counter;
  }

  histogram(name: string, help: string, labelNames: readonly string[], bounds?: readonly number[]): Histogram {
    const histogram = new Histogram(name, help, labelNames, bounds);
    this.metrics.push(histogram);
    return histogram;
  }

  /** Adds lines computed at scrape time (gauges such as `retail_instances{function,state}`). */
  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** The Prometheus text exposition of everything registered. */
  render(): string {
    const lines = [...this.metrics.flatMap((metric) => metric.render()), ...this.collectors.flatMap((collector) => collector())];
    return `${lines.join('\n')}\n`;
  }
}

/** The gateway's own series (API.md, Gateway endpoints). */
export interface GatewayMetrics {
  requests: Counter;
  duration: Histogram;
  throttled: Counter;
}

/** Registers `retail_requests_total`, `retail_request_duration_seconds` and `retail_throttled_total`. */
export function gatewayMetrics(registry: MetricsRegistry): GatewayMetrics {
  return {
    requests: registry.counter(
      'retail_requests_total',
      'Requests through the gateway, by function, route prefix, channel and status.',
      ['function', 'route', 'channel', 'status'],
    ),
    duration: registry.histogram(
      'retail_request_duration_seconds',
      'Gateway request latency in seconds, by function, route prefix and channel.',
      ['function', 'route', 'channel'],
    ),
    throttled: registry.counter('retail_throttled_total', 'Requests refused by a channel app flow-control limit.', ['channel']),
  };
}

/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function pick(names: readonly string[], labels: Labels): Labels {
  return Object.fromEntries(names.map((name) => [name, labels[name] ?? '']));
}

function labelKey(names: readonly string[], labels: Labels): string {
  return names.map((name) => labels[name] ?? '').join('\u0000');
}
