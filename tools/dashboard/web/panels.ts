/**
 * What each chart of the page shows: which series of the contract it asks for, and how they
 * become one chart. Data only; `options.ts` turns a panel and its answers into ECharts options.
 */
import type { Metric } from './contract.js';

/** One `/_gateway/series` request a chart needs. */
export interface SeriesQuery {
  metric: Metric;
  by: 'function' | 'route' | 'channel';
}

/**
 * How the answers become series: `stack` (one stacked area per label value), `lines` (one line per
 * label value and query, the first query solid), `states` (each query summed over its labels into one
 * stacked area named by `names`), `percent` (a 0..1 value as a percentage line per label value).
 */
export type PanelKind = 'stack' | 'lines' | 'states' | 'percent';

/** A chart of the page. */
export interface Panel {
  id: string;
  title: string;
  unit: string;
  kind: PanelKind;
  queries: readonly SeriesQuery[];
  /** The series names of `states` panels, one per query; the suffix of each query's lines in `lines` panels. */
  names?: readonly string[];
}

/** The charts, in page order. */
export const PANELS: readonly Panel[] = [
  {
    id: 'flowByFunction',
    title: 'Requests/s by function',
    unit: 'req/s',
    kind: 'stack',
    queries: [{ metric: 'requests', by: 'function' }],
  },
  {
    id: 'flowByChannel',
    title: 'Requests/s by channel',
    unit: 'req/s',
    kind: 'stack',
    queries: [{ metric: 'requests', by: 'channel' }],
  },
  {
    id: 'latency',
    title: 'Latency p99 and p50 by function',
    unit: 'ms',
    kind: 'lines',
    queries: [
      { metric: 'latency_p99', by: 'function' },
      { metric: 'latency_p50', by: 'function' },
    ],
    names: ['p99', 'p50'],
  },
  {
    id: 'instances',
    title: 'Instances (all functions)',
    unit: 'instances',
    kind: 'states',
    queries: [
      { metric: 'instances_busy', by: 'function' },
      { metric: 'instances_idle', by: 'function' },
      { metric: 'instances_starting', by: 'function' },
    ],
    names: ['busy', 'idle', 'starting'],
  },
  {
    id: 'waterLevel',
    title: 'Water level: instance concurrency in use',
    unit: '%',
    kind: 'percent',
    queries: [{ metric: 'concurrency_in_use', by: 'function' }],
  },
  {
    id: 'throttled',
    title: 'Throttled (429) per second by channel',
    unit: '429/s',
    kind: 'stack',
    queries: [{ metric: 'throttled', by: 'channel' }],
  },
];

/**
 * The URL of one query over the last `since` (`5m`, `1h`).
 *
 * @example
 * seriesUrl({ metric: 'requests', by: 'function' }, '5m') // '/_gateway/series?metric=requests&by=function&since=5m&step=1'
 */
export function seriesUrl(query: SeriesQuery, since: string, base = '/_gateway'): string {
  return `${base}/series?metric=${query.metric}&by=${query.by}&since=${since}&step=1`;
}
