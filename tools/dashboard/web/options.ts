/**
 * Contract answers to ECharts options, without a DOM: the page calls these every second, the tests
 * call them directly.
 */

/**
 * A window of the page (`1m`, `5m`, `1h`) in milliseconds.
 *
 * @example
 * windowMs('15m') // 900000
 */
export function windowMs(since: string): number {
  const match = /^(\d+)([smh])$/.exec(since);
  if (!match) return 5 * 60_000;
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
}
import type { LabelledSeries, Point, SeriesResponse } from './contract.js';
import type { Panel } from './panels.js';

/** One ECharts series as the page sets it (a subset of ECharts' LineSeriesOption). */
export interface ChartSeries {
  name: string;
  type: 'line';
  data: Point[];
  showSymbol: false;
  stack?: string;
  areaStyle?: Record<string, never>;
  lineStyle?: { type: 'dashed' | 'solid'; width?: number };
}

/** The parts of a chart's option that change with the data. */
export interface ChartData {
  legend: { data: string[] };
  series: ChartSeries[];
  /** The time window shown, the same on every chart. */
  xAxis?: { min: number; max: number };
}

/**
 * Puts every series on the same timestamps (the union of theirs, missing values 0), so stacked
 * areas add up point by point.
 *
 * @example
 * align([[[1000, 1]], [[2000, 2]]]) // [[[1000, 1], [2000, 0]], [[1000, 0], [2000, 2]]]
 */
export function align(lists: readonly Point[][]): Point[][] {
  const times = [...new Set(lists.flatMap((points) => points.map(([t]) => t)))].sort((a, b) => a - b);
  return lists.map((points) => {
    const byTime = new Map(points);
    return times.map((t): Point => [t, byTime.get(t) ?? 0]);
  });
}

/** Sums series point by point (after aligning them). */
export function sum(lists: readonly Point[][]): Point[] {
  const aligned = align(lists);
  const first = aligned[0] ?? [];
  return first.map(([t], i): Point => [t, aligned.reduce((total, points) => total + (points[i]?.[1] ?? 0), 0)]);
}

/** The label value that names a series of a query `by` one label (`all` when the gateway left it out). */
function labelOf(series: LabelledSeries, by: string): string {
  return series.labels[by] ?? 'all';
}

function sortedByName(series: readonly LabelledSeries[], by: string): LabelledSeries[] {
  return [...series].sort((a, b) => labelOf(a, by).localeCompare(labelOf(b, by)));
}

/**
 * The series of one panel from its queries' answers (in the order of `panel.queries`).
 *
 * @example
 * chartData(PANELS[0], [{ metric: 'requests', step: 1, series: [{ labels: { function: 'member' }, points: [[0, 3]] }] }])
 * // { legend: { data: ['member'] }, series: [{ name: 'member', stack: 'total', ... }] }
 */
export function chartData(panel: Panel, answers: readonly SeriesResponse[], range?: readonly [number, number]): ChartData {
  const series: ChartSeries[] = [];
  const line = (name: string, data: Point[], extra: Partial<ChartSeries> = {}) =>
    series.push({ name, type: 'line', data, showSymbol: false, ...extra });
  if (panel.kind === 'states') {
    const totals = align(answers.map((answer) => sum(answer.series.map((s) => s.points))));
    totals.forEach((points, i) => line(panel.names?.[i] ?? `#${i}`, points, { stack: 'total', areaStyle: {} }));
  } else {
    panel.queries.forEach((query, i) => {
      const found = sortedByName(answers[i]?.series ?? [], query.by);
      const aligned = align(found.map((s) => s.points));
      found.forEach((s, j) => {
        const label = labelOf(s, query.by);
        const points = aligned[j] ?? [];
        if (panel.kind === 'stack') line(label, points, { stack: 'total', areaStyle: {} });
        else if (panel.kind === 'percent')
          line(
            label,
            points.map(([t, v]): Point => [t, Math.round(v * 1000) / 10]),
          );
        else line(`${label} ${panel.names?.[i] ?? query.metric}`, points, { lineStyle: { type: i === 0 ? 'solid' : 'dashed' } });
      });
    });
  }
  return { legend: { data: series.map((s) => s.name) }, series, ...(range ? { xAxis: { min: range[0], max: range[1] } } : {}) };
}

/** The parts of a chart's option that stay: title, axes, tooltip, no animation (it redraws every second). */
export function baseOption(panel: Panel): Record<string, unknown> {
  return {
    animation: false,
    title: { text: panel.title, left: 8, top: 4, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 26, type: 'scroll' },
    grid: { left: 52, right: 16, top: 64, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: panel.unit, min: 0, ...(panel.kind === 'percent' ? { max: 100 } : {}) },
    series: [],
  };
}
