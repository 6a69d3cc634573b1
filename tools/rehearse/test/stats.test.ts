import { describe, expect, it } from 'vitest';
import { promotionProfile, readPrometheus, type LoadResult } from '../src/index.js';
import { coldStarts } from '../src/report/sample-stats.js';
import { burstRatio, latencyOf, phaseStats, throttledByChannel } from '../src/report/stats.js';

type Records = LoadResult['records'];

function records(rows: Array<[at: number, latency: number, status: number, code?: string]>): Records {
  const codes = [...new Set(rows.map((r) => r[3]).filter((c): c is string => c !== undefined))];
  return {
    at: rows.map((r) => r[0]),
    lag: rows.map(() => 0),
    latencyMs: rows.map((r) => r[1]),
    status: rows.map((r) => r[2]),
    kind: rows.map(() => 0),
    channel: rows.map((_, i) => i % 2),
    code: rows.map((r) => (r[3] === undefined ? -1 : codes.indexOf(r[3]))),
    codes,
  };
}

describe('figures of a run', () => {
  it('takes percentiles by nearest rank', () => {
    expect(latencyOf([4, 1, 3, 2])).toEqual({ count: 4, p50: 3, p95: 4, p99: 4, max: 4 });
    expect(latencyOf([])).toMatchObject({ count: 0, p99: 0 });
  });

  it('times answers and timeouts per phase, counts 5xx, 429s and refusals apart, and gives the burst ratio', () => {
    const phases = promotionProfile({ seconds: 100 });
    const stats = phaseStats(
      records([
        [15_000, 10, 200],
        [16_000, 20, 200],
        [50_000, 30, 201],
        [51_000, 40, 409, 'sold-out'],
        [52_000, 1, 429],
        [53_000, 80, 503, 'flash-sale-busy'],
        [54_000, 20_000, 0],
      ]),
      phases,
    );
    const baseline = stats.find((p) => p.phase === 'baseline')!;
    const sale = stats.find((p) => p.phase === 'flash-sale')!;
    expect(baseline).toMatchObject({ count: 2, p50: 20, p99: 20 });
    expect(sale).toMatchObject({
      count: 4,
      p99: 20_000,
      errors5xx: 1,
      errorCodes: { 'flash-sale-busy': 1 },
      noAnswer: 1,
      throttled: 1,
      refusals: { 'sold-out': 1 },
    });
    expect(sale.rps).toBeCloseTo(5 / 25);
    expect(burstRatio(stats)).toBe(1000);
    expect(throttledByChannel(records([[1, 1, 429]]))).toMatchObject({ wechat: 1, alipay: 0 });
  });

  it('reads instances, cold starts, 429s and the water level from the gateway metrics', () => {
    const text = [
      '# TYPE retail_instances gauge',
      'retail_instances{function="member",state="busy"} 1',
      'retail_instances{function="member",state="idle"} 2',
      'retail_instances{function="trading",state="starting"} 3',
      'retail_cold_starts_total{function="trading"} 7',
      'retail_throttled_total{channel="app"} 4',
      'retail_instance_concurrency_in_use{function="member"} 5',
      'retail_instance_concurrency_capacity{function="member"} 100',
      'retail_queued_requests_total{function="trading"} 9',
      'retail_queue_depth{function="trading"} 2',
    ].join('\n');
    const sample = readPrometheus(text);
    expect(sample).toEqual({
      instances: { busy: 1, idle: 2, starting: 3 },
      instancesByFunction: { member: 3, trading: 3 },
      coldStarts: { trading: 7 },
      throttled: { app: 4 },
      inUse: 5,
      capacity: 100,
      queuedTotal: 9,
      queueDepth: 2,
    });
    expect(
      coldStarts([
        { ...sample, t: 0, cpu: {} },
        { ...sample, coldStarts: { trading: 12 }, t: 1, cpu: {} },
      ]),
    ).toEqual({ trading: 5 });
  });
});
