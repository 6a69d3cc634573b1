/**
 * The shapes of the observability contract the page reads (issue 7): `/_gateway/series`,
 * `/_gateway/logs` and `/_gateway/alarms`. Another package serves them; keep these in step.
 */

/** A metric `/_gateway/series` answers for. */
export type Metric =
  | 'requests'
  | 'errors'
  | 'throttled'
  | 'latency_p50'
  | 'latency_p95'
  | 'latency_p99'
  | 'cold_starts'
  | 'instances_busy'
  | 'instances_idle'
  | 'instances_starting'
  | 'concurrency_in_use';

/** `[epochMs, value]`. */
export type Point = [number, number];

/** One labelled series of a metric. */
export interface LabelledSeries {
  labels: Record<string, string>;
  points: Point[];
}

/** `GET /_gateway/series?metric=&by=&since=&step=`. */
export interface SeriesResponse {
  metric: string;
  step: number;
  series: LabelledSeries[];
}

/** A log line as the functions and the gateway write it (the fields FC ships to Log Service). */
export interface LogLine {
  time?: string | number;
  requestId?: string;
  function?: string;
  route?: string;
  method?: string;
  status?: number;
  latencyMs?: number;
  channel?: string;
  source?: string;
  msg?: string;
  err?: { message?: string; stack?: string; type?: string };
  [field: string]: unknown;
}

/** `GET /_gateway/logs?...`: newest first. */
export interface LogsResponse {
  items: LogLine[];
  nextCursor: string | null;
}

/** An alarm that is firing now. */
export interface FiringAlarm {
  rule: string;
  labels: Record<string, string>;
  value: number;
  since: string | number;
}

/** A firing or resolved event. */
export interface AlarmEvent {
  rule: string;
  state: 'firing' | 'resolved';
  labels: Record<string, string>;
  value: number;
  at: string | number;
}

/** `GET /_gateway/alarms`. */
export interface AlarmsResponse {
  rules: unknown[];
  firing: FiringAlarm[];
  events: AlarmEvent[];
}
