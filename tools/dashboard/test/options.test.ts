import { describe, expect, it } from 'vitest';
import type { SeriesResponse } from '../web/contract.js';
import { align, chartData, windowMs } from '../web/options.js';
import { PANELS, seriesUrl } from '../web/panels.js';

const panel = (id: string) => PANELS.find((p) => p.id === id)!;
const answer = (metric: string, by: string, values: Record<string, Array<[number, number]>>): SeriesResponse => ({
  metric,
  step: 1,
  series: Object.entries(values).map(([label, points]) => ({ labels: { [by]: label }, points })),
});

describe('chart data from the contract', () => {
  it('asks for one-second series over the chosen window', () => {
    expect(seriesUrl({ metric: 'requests', by: 'channel' }, '15m')).toBe(
      '/_gateway/series?metric=requests&by=channel&since=15m&step=1',
    );
  });

  it('stacks requests per function on shared timestamps, a missing second counting 0', () => {
    const data = chartData(panel('flowByFunction'), [
      answer('requests', 'function', {
        trading: [
          [1000, 4],
          [2000, 6],
        ],
        member: [[2000, 3]],
      }),
    ]);
    expect(data.legend.data).toEqual(['member', 'trading']);
    expect(data.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      [
        'member',
        'total',
        [
          [1000, 0],
          [2000, 3],
        ],
      ],
      [
        'trading',
        'total',
        [
          [1000, 4],
          [2000, 6],
        ],
      ],
    ]);
  });

  it('draws p99 solid and p50 dashed per function', () => {
    const data = chartData(panel('latency'), [
      answer('latency_p99', 'function', { member: [[1000, 30]] }),
      answer('latency_p50', 'function', { member: [[1000, 5]] }),
    ]);
    expect(data.series.map((s) => [s.name, s.lineStyle?.type, s.data[0]?.[1]])).toEqual([
      ['member p99', 'solid', 30],
      ['member p50', 'dashed', 5],
    ]);
  });

  it('sums instances over functions per state, and shows the water level in percent', () => {
    const states = chartData(panel('instances'), [
      answer('instances_busy', 'function', { member: [[1000, 1]], trading: [[1000, 2]] }),
      answer('instances_idle', 'function', { member: [[1000, 1]] }),
      answer('instances_starting', 'function', {}),
    ]);
    expect(states.series.map((s) => [s.name, s.data])).toEqual([
      ['busy', [[1000, 3]]],
      ['idle', [[1000, 1]]],
      ['starting', [[1000, 0]]],
    ]);
    const water = chartData(panel('waterLevel'), [answer('concurrency_in_use', 'function', { member: [[1000, 0.123]] })]);
    expect(water.series[0]?.data).toEqual([[1000, 12.3]]);
  });

  it('shows the chosen window on every chart, whatever times the series cover', () => {
    expect(windowMs('1m')).toBe(60_000);
    expect(windowMs('1h')).toBe(3_600_000);
    const data = chartData(
      panel('latency'),
      [answer('latency_p99', 'function', {}), answer('latency_p50', 'function', {})],
      [1000, 61_000],
    );
    expect(data.xAxis).toEqual({ min: 1000, max: 61_000 });
  });

  it('shows no series, not an error, when nothing has been measured yet', () => {
    expect(chartData(panel('throttled'), [answer('throttled', 'channel', {})]).series).toEqual([]);
    expect(align([])).toEqual([]);
  });
});
