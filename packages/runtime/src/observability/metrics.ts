/**
 * Per-route request metrics: counts by status, errors, and a latency histogram, served as
 * Prometheus text. Hand-written (fixed buckets, plain maps) because prom-client alone adds ~40 ms
 * to a cold start and this is all a function needs.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RouteSeries {
  byStatus: Map<number, number>;
  errors: number;
  buckets: number[];
  sum: number;
  count: number;
}

export class RouteMetrics {
  private readonly routes = new Map<string, RouteSeries>();
  coldStarts = 0;

  constructor(readonly functionName: string) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let series = this.routes.get(key);
    if (!series) {
      series = { byStatus: new Map(), errors: 0, buckets: new Array<number>(BUCKETS.length).fill(0), sum: 0, count: 0 };
      this.routes.set(key, series);
    }
    series.byStatus.set(status, (series.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) series.errors++;
    series.sum += seconds;
    series.count++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) series.buckets[i]!++;
  }

  /** Prometheus text exposition. */
  render(): string {
    const fn = escape(this.functionName);
    const lines = [
      '# TYPE retail_function_requests_total counter',
      '# TYPE retail_function_errors_total counter',
      '# TYPE retail_function_request_duration_seconds histogram',
      '# TYPE retail_function_cold_starts_total counter',
      `retail_function_cold_starts_total{function="${fn}"} ${this.coldStarts}`,
    ];
    for (const [key, series] of this.routes) {
      const labels = `function="${fn}",route="${escape(key)}"`;
      for (const [status, count] of series.byStatus)
        lines.push(`retail_function_requests_total{${labels},status="${status}"} ${count}`);
      lines.push(`retail_function_errors_total{${labels}} ${series.errors}`);
      BUCKETS.forEach((bound, i) =>
        lines.push(`retail_function_request_duration_seconds_bucket{${labels},le="${bound}"} ${series.buckets[i]}`),
      );
      lines.push(`retail_function_request_duration_seconds_bucket{${labels},le="+Inf"} ${series.count}`);
      lines.push(`retail_function_request_duration_seconds_sum{${labels}} ${series.sum}`);
      lines.push(`retail_function_request_duration_seconds_count{${labels}} ${series.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
