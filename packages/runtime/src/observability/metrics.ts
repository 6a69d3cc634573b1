/**
 * Per-route request metrics: counts by status, errors, and a latency histogram, served as
 * Prometheus text. Hand-written (fixed buckets, plain maps) because prom-client alone adds ~40 ms
 * to a cold start and this is all a function needs.
 */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One route's counters. `buckets[i]` counts latencies in (BUCKETS[i-1], BUCKETS[i]]; render() sums them. */
export class RouteSeries {
  readonly byStatus = new Map<number, number>();
  errors = 0;
  readonly buckets = new Array<number>(BUCKETS.length + 1).fill(0);
  sum = 0;
  count = 0;

  observe(status: number, seconds: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status >= 500) this.errors++;
    this.sum += seconds;
    this.count++;
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    this.buckets[i]!++;
  }
}

export class RouteMetrics {
  private readonly routes = new Map<string, RouteSeries>();
  coldStarts = 0;

  constructor(readonly functionName: string) {}

  /**
   * The series of one route, to observe directly: `createApp` looks each route's up once.
   *
   * @example
   * const series = metrics.series('GET', '/members/:id');
   * series.observe(200, 0.0004);
   */
  series(method: string, route: string): RouteSeries {
    const key = `${method} ${route}`;
    let series = this.routes.get(key);
    if (!series) {
      series = new RouteSeries();
      this.routes.set(key, series);
    }
    return series;
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    this.series(method, route).observe(status, seconds);
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
      if (series.count === 0) continue; // routes looked up at start-up show once they are called, as before
      const labels = `function="${fn}",route="${escape(key)}"`;
      for (const [status, count] of series.byStatus)
        lines.push(`retail_function_requests_total{${labels},status="${status}"} ${count}`);
      lines.push(`retail_function_errors_total{${labels}} ${series.errors}`);
      let cumulative = 0;
      BUCKETS.forEach((bound, i) => {
        cumulative += series.buckets[i]!;
        lines.push(`retail_function_request_duration_seconds_bucket{${labels},le="${bound}"} ${cumulative}`);
      });
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
