/**
 * The query strings of `GET /_gateway/logs` and `GET /_gateway/series`, validated: every bad or
 * unknown parameter is named, as API.md's `validation-failed` problem lists fields. An empty value
 * (`until=`) is the same as leaving the parameter out.
 */
import { decodeCursor } from '../logs/cursor.js';
import type { LogQuery } from '../logs/log-query.js';
import { isMetric, labelsOf, LABELS, type LabelName } from '../series/metrics.js';
import type { SeriesQuery } from '../series/series-store.js';
import { parseTime } from '../time.js';

/** A bad parameter and what is wrong with it. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** A valid query, or the errors that make it invalid. */
export type Parsed<T> = { query: T; errors?: undefined } | { query?: undefined; errors: FieldError[] };

const LOG_PARAMS = [
  'since',
  'until',
  'function',
  'route',
  'channel',
  'status',
  'minLatencyMs',
  'requestId',
  'q',
  'limit',
  'cursor',
];
const SERIES_PARAMS = ['metric', 'by', 'function', 'route', 'channel', 'since', 'until', 'step'];
const STATUS = /^(?:([1-5])xx|([1-5]\d\d))$/;

/**
 * @example
 * parseLogParams(new URLSearchParams('function=trading&status=5xx&since=10m'), Date.now())
 * // { query: { function: 'trading', status: { min: 500, max: 599, errorLines: true }, since: ..., limit: 100 } }
 */
export function parseLogParams(params: URLSearchParams, now: number): Parsed<LogQuery> {
  const { values, errors } = read(params, LOG_PARAMS);
  const query: LogQuery = { limit: 100 };
  time(values, 'since', now, errors, (at) => (query.since = at));
  time(values, 'until', now, errors, (at) => (query.until = at));
  for (const name of ['function', 'route', 'channel', 'requestId', 'q'] as const) {
    const value = values.get(name);
    if (value === undefined) continue;
    if (value.length > 200) errors.push({ field: name, messages: [`${name} must be at most 200 characters`] });
    else query[name] = value;
  }
  const status = values.get('status');
  if (status !== undefined) {
    const match = STATUS.exec(status.toLowerCase());
    if (!match) errors.push({ field: 'status', messages: ['status must be 2xx, 4xx, 5xx (any class) or a code such as 503'] });
    else if (match[1])
      query.status = { min: Number(match[1]) * 100, max: Number(match[1]) * 100 + 99, errorLines: match[1] === '5' };
    else query.status = { min: Number(match[2]), max: Number(match[2]), errorLines: false };
  }
  number(values, 'minLatencyMs', 0, 3_600_000, false, errors, (value) => (query.minLatencyMs = value));
  number(values, 'limit', 1, 1000, true, errors, (value) => (query.limit = value));
  const cursor = values.get('cursor');
  if (cursor !== undefined) {
    if (decodeCursor(cursor) === undefined)
      errors.push({ field: 'cursor', messages: ['cursor must be a nextCursor of this endpoint'] });
    else query.cursor = cursor;
  }
  return errors.length > 0 ? { errors } : { query };
}

/**
 * @example
 * parseSeriesParams(new URLSearchParams('metric=requests&by=function&since=15m'), Date.now())
 * // { query: { metric: 'requests', by: 'function', filters: {}, since: ..., step: 1 } }
 */
export function parseSeriesParams(params: URLSearchParams, now: number): Parsed<SeriesQuery> {
  const { values, errors } = read(params, SERIES_PARAMS);
  const metric = values.get('metric');
  if (metric === undefined || !isMetric(metric)) {
    errors.push({
      field: 'metric',
      messages: ['metric must be one of requests, errors, throttled, latency_p50, ... (see the README)'],
    });
    return { errors };
  }
  const labels: readonly string[] = labelsOf(metric);
  const query: SeriesQuery = { metric, filters: {}, since: now - 15 * 60_000, step: 1 };
  const by = values.get('by');
  if (by !== undefined) {
    if (!labels.includes(by)) errors.push({ field: 'by', messages: [`${metric} can be split by ${labels.join(', ')}`] });
    else query.by = by as LabelName;
  }
  for (const name of LABELS.requests) {
    const value = values.get(name);
    if (value === undefined) continue;
    if (!labels.includes(name)) errors.push({ field: name, messages: [`${metric} has no ${name} label`] });
    else query.filters![name] = value;
  }
  time(values, 'since', now, errors, (at) => (query.since = at));
  time(values, 'until', now, errors, (at) => (query.until = at));
  number(values, 'step', 1, 3600, true, errors, (value) => (query.step = value));
  return errors.length > 0 ? { errors } : { query };
}

function read(params: URLSearchParams, known: readonly string[]): { values: Map<string, string>; errors: FieldError[] } {
  const values = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const [name, value] of params) {
    if (!known.includes(name)) errors.push({ field: name, messages: [`unknown parameter ${name}`] });
    else if (values.has(name)) errors.push({ field: name, messages: [`${name} is given more than once`] });
    else if (value !== '') values.set(name, value);
  }
  return { values, errors };
}

function time(values: Map<string, string>, name: string, now: number, errors: FieldError[], set: (at: number) => void): void {
  const text = values.get(name);
  if (text === undefined) return;
  const at = parseTime(text, now);
  if (at === undefined)
    errors.push({ field: name, messages: [`${name} must be a duration ago (30s, 10m, 2h, 1d) or an ISO-8601 time`] });
  else set(at);
}

function number(
  values: Map<string, string>,
  name: string,
  min: number,
  max: number,
  integer: boolean,
  errors: FieldError[],
  set: (value: number) => void,
): void {
  const text = values.get(name);
  if (text === undefined) return;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)) || !/^[\d.]+$/.test(text))
    errors.push({ field: name, messages: [`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`] });
  else set(value);
}
