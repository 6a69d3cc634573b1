/**
 * The report's charts as ECharts options, the same for the HTML page (in the browser) and the
 * SVG files (server-side rendering): time against requests/s, time against latency, and
 * instances over time, both runs on each.
 */
import type { RehearsalReport } from './types.js';

const COLORS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea'];
const PHASE_LABELS: Record<string, string> = { 'coupon-grab': 'coupon grab', 'flash-sale': 'flash sale' };

type Option = Record<string, unknown>;

function frame(title: string, yName: string, yType: 'value' | 'log' = 'value'): Option {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, left: 10, top: 6, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 30, type: 'scroll' },
    grid: { left: 64, right: 24, top: 72, bottom: 44 },
    xAxis: { type: 'value', name: 'seconds from start', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: yType, name: yName, ...(yType === 'value' ? { min: 0 } : {}) },
  };
}

/** Shaded spans of the promotion's busy phases, carried by the first series. */
function phaseAreas(report: RehearsalReport): Option {
  return {
    silent: true,
    itemStyle: { color: 'rgba(250, 204, 21, 0.12)' },
    label: { position: 'insideTop', color: '#854d0e', fontSize: 11 },
    data: report.phases
      .filter((p) => PHASE_LABELS[p.name])
      .map((p) => [{ name: PHASE_LABELS[p.name], xAxis: p.start }, { xAxis: p.end }]),
  };
}

function line(name: string, data: Array<[number, number | null]>, color: string, extra: Option = {}): Option {
  return { name, type: 'line', data, showSymbol: false, connectNulls: true, color, lineStyle: { width: 1.6, color }, ...extra };
}

/**
 * Time against requests/s: what the crowd sent each second, per run.
 *
 * @example
 * renderSvg(requestsChart(report))
 */
export function requestsChart(report: RehearsalReport): Option {
  return {
    ...frame('Requests per second', 'req/s'),
    series: report.runs.map((run, i) =>
      line(
        run.settings.label,
        run.perSecond.map((s) => [s.t, s.sent]),
        COLORS[i]!,
        i === 0 ? { markArea: phaseAreas(report) } : {},
      ),
    ),
  };
}

/** Time against latency: p99 (solid) and p50 (dashed) of each second's requests, per run, log scale. */
export function latencyChart(report: RehearsalReport): Option {
  return {
    ...frame('Latency (p99 solid, p50 dashed)', 'ms', 'log'),
    series: report.runs.flatMap((run, i) => [
      line(
        `${run.settings.label} p99`,
        run.perSecond.map((s) => [s.t, s.p99]),
        COLORS[i]!,
        i === 0 ? { markArea: phaseAreas(report) } : {},
      ),
      line(
        `${run.settings.label} p50`,
        run.perSecond.map((s) => [s.t, s.p50]),
        COLORS[i]!,
        { lineStyle: { width: 1.2, type: 'dashed', color: COLORS[i] } },
      ),
    ]),
  };
}

/** Instances (ready, all functions) and those starting, per run. */
export function instancesChart(report: RehearsalReport): Option {
  return {
    ...frame('Function instances (ready solid, starting dashed)', 'instances'),
    series: report.runs.flatMap((run, i) => [
      line(
        `${run.settings.label} ready`,
        run.perSecond.map((s) => [s.t, s.instances]),
        COLORS[i]!,
        i === 0 ? { markArea: phaseAreas(report) } : {},
      ),
      line(
        `${run.settings.label} starting`,
        run.perSecond.map((s) => [s.t, s.starting]),
        COLORS[i]!,
        { lineStyle: { width: 1.2, type: 'dashed', color: COLORS[i] } },
      ),
    ]),
  };
}

/** Every chart of the report, by file name. */
export const CHARTS = { requests: requestsChart, latency: latencyChart, instances: instancesChart } as const;
