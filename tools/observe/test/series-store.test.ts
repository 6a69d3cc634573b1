import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../src/index.js';

const T0 = Date.parse('2026-11-11T00:00:00Z');

function store(options: { maxLabelSets?: number; seconds?: number } = {}) {
  let now = T0;
  const series = new SeriesStore({ ...options, now: () => now });
  return { series, at: (ms: number) => (now = ms) };
}

describe('the series store', () => {
  it('counts requests per second per function and channel, errors and throttles apart', () => {
    const { series, at } = store();
    for (let s = 0; s < 3; s++) {
      for (let i = 0; i <= s; i++)
        series.recordRequest(
          { function: 'member', route: '/members', channel: 'pos', status: 200, latencyMs: 2 },
          T0 + s * 1000 + i,
        );
      series.recordRequest(
        { function: 'trading', route: '/orders', channel: 'wechat', status: 503, latencyMs: 40 },
        T0 + s * 1000,
      );
      series.recordRequest({ function: 'trading', route: '/orders', channel: 'wechat', status: 429 }, T0 + s * 1000);
    }
    at(T0 + 3500);
    const byFunction = series.query({ metric: 'requests', by: 'function', since: T0 });
    expect(byFunction.series).toEqual([
      {
        labels: { function: 'member' },
        points: [
          [T0, 1],
          [T0 + 1000, 2],
          [T0 + 2000, 3],
        ],
      },
      {
        labels: { function: 'trading' },
        points: [
          [T0, 2],
          [T0 + 1000, 2],
          [T0 + 2000, 2],
        ],
      },
    ]);
    expect(series.query({ metric: 'throttled', by: 'channel', since: T0 }).series).toEqual([
      {
        labels: { channel: 'pos' },
        points: [
          [T0, 0],
          [T0 + 1000, 0],
          [T0 + 2000, 0],
        ],
      },
      {
        labels: { channel: 'wechat' },
        points: [
          [T0, 1],
          [T0 + 1000, 1],
          [T0 + 2000, 1],
        ],
      },
    ]);
    expect(series.query({ metric: 'errors', since: T0, step: 3 }).series).toEqual([{ labels: {}, points: [[T0, 1]] }]);
    expect(
      series.query({ metric: 'error_rate', by: 'route', filters: { function: 'trading' }, since: T0, step: 3 }).series,
    ).toEqual([{ labels: { route: '/orders' }, points: [[T0, 0.5]] }]);
  });

  it('leaves out the second in progress, and seconds without requests from the percentiles', () => {
    const { series, at } = store();
    series.recordRequest({ function: 'member', route: '/members', channel: 'pos', status: 200, latencyMs: 5 }, T0);
    series.recordRequest({ function: 'member', route: '/members', channel: 'pos', status: 200, latencyMs: 5 }, T0 + 2000);
    at(T0 + 2400);
    expect(series.query({ metric: 'requests', since: T0 }).series[0]!.points).toEqual([
      [T0, 1],
      [T0 + 1000, 0],
    ]);
    expect(series.query({ metric: 'latency_p50', since: T0 }).series[0]!.points).toEqual([[T0, expect.closeTo(5, 0)]]);
  });

  it('computes p50, p95 and p99 within a bucket width of the true values', () => {
    const { series, at } = store();
    for (let i = 1; i <= 1000; i++)
      series.recordRequest({ function: 'trading', route: '/orders', channel: 'app', status: 200, latencyMs: i / 10 }, T0);
    at(T0 + 1000);
    const value = (metric: 'latency_p50' | 'latency_p95' | 'latency_p99') =>
      series.query({ metric, since: T0 }).series[0]!.points[0]![1];
    expect(value('latency_p50')).toBeGreaterThan(50 * 0.84);
    expect(value('latency_p50')).toBeLessThan(50 * 1.19);
    expect(value('latency_p95')).toBeGreaterThan(95 * 0.84);
    expect(value('latency_p95')).toBeLessThan(95 * 1.19);
    expect(value('latency_p99')).toBeGreaterThan(99 * 0.84);
    expect(value('latency_p99')).toBeLessThan(99 * 1.19);
  });

  it('keeps instance gauges, cold starts and the water level per function', () => {
    const { series, at } = store();
    series.recordPool(
      { function: 'member', busy: 1, idle: 1, starting: 0, inFlight: 25, capacity: 100, maxInstances: 4, coldStarts: 0 },
      T0,
    );
    series.recordPool(
      { function: 'member', busy: 2, idle: 0, starting: 2, inFlight: 100, capacity: 100, maxInstances: 4, coldStarts: 2 },
      T0 + 1000,
    );
    series.recordPool(
      { function: 'trading', busy: 0, idle: 0, starting: 0, inFlight: 0, capacity: 0, maxInstances: 4, coldStarts: 0 },
      T0 + 1000,
    );
    at(T0 + 2000);
    const points = (
      metric: 'instances_busy' | 'instances_starting' | 'cold_starts' | 'concurrency_in_use' | 'instance_saturation',
    ) =>
      series
        .query({ metric, by: 'function', since: T0 })
        .series.map((one) => [one.labels.function, one.points.map(([, value]) => value)]);
    expect(points('instances_busy')).toEqual([
      ['member', [1, 2]],
      ['trading', [0]],
    ]);
    expect(points('instances_starting')).toEqual([
      ['member', [0, 2]],
      ['trading', [0]],
    ]);
    expect(points('cold_starts')).toEqual([
      ['member', [0, 2]],
      ['trading', [0, 0]],
    ]);
    expect(points('concurrency_in_use')).toEqual([
      ['member', [0.25, 1]],
      ['trading', [0]],
    ]);
    expect(points('instance_saturation')).toEqual([
      ['member', [0.5, 1]],
      ['trading', [0]],
    ]);
    expect(() => series.query({ metric: 'instances_busy', by: 'channel', since: T0 })).toThrow(RangeError);
  });

  it('keeps one point a second for the last hour', () => {
    const { series, at } = store();
    for (let s = 0; s < 3700; s++)
      series.recordRequest({ function: 'member', route: '/members', channel: 'pos', status: 200 }, T0 + s * 1000);
    at(T0 + 3700 * 1000);
    const points = series.query({ metric: 'requests', since: T0 + 100 * 1000 }).series[0]!.points;
    expect(points).toHaveLength(3600);
    expect(points.every(([, value]) => value === 1)).toBe(true);
    expect(points[0]![0]).toBe(T0 + 100 * 1000);
  });

  it('keeps memory bounded under any number of label values: beyond the cap they count as other', () => {
    const { series, at } = store({ maxLabelSets: 16 });
    for (let s = 0; s < 30; s++)
      for (let i = 0; i < 2000; i++)
        series.recordRequest(
          { function: 'member', route: '/members', channel: `channel-${s}-${i}`, status: 200, latencyMs: i % 50 },
          T0 + s * 1000,
        );
    at(T0 + 30_000);
    expect(series.labelSetCount()).toBe(17);
    // 17 label sets, each: stamps (8 B) + 3 fields (4 B) + at most an 81-bucket histogram (324 B) per second.
    expect(series.memoryBytes()).toBeLessThanOrEqual(17 * 3660 * (8 + 12 + 81 * 4));
    const byChannel = series.query({ metric: 'requests', by: 'channel', since: T0 }).series;
    expect(byChannel).toHaveLength(17);
    expect(byChannel.find((one) => one.labels.channel === 'other')!.points.at(-1)).toEqual([T0 + 29_000, 2000]);
    const total = series.query({ metric: 'requests', since: T0, step: 30 }).series[0]!.points;
    expect(total).toEqual([[T0, 2000]]);
  });
});
