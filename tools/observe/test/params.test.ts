import { describe, expect, it } from 'vitest';
import { parseLogParams, parseSeriesParams } from '../src/index.js';

const NOW = Date.parse('2026-11-11T00:10:00Z');
const params = (text: string) => new URLSearchParams(text);

describe('the query parameters of /_gateway/logs', () => {
  it('reads the contract example, empty values meaning no filter', () => {
    expect(
      parseLogParams(
        params('since=10m&until=&function=trading&route=&channel=&status=5xx&minLatencyMs=&requestId=&q=&limit=100&cursor='),
        NOW,
      ),
    ).toEqual({
      query: {
        since: Date.parse('2026-11-11T00:00:00Z'),
        function: 'trading',
        status: { min: 500, max: 599, errorLines: true },
        limit: 100,
      },
    });
    expect(parseLogParams(params('status=404&until=2026-11-11T00:05:00Z&minLatencyMs=2.5'), NOW).query).toMatchObject({
      status: { min: 404, max: 404, errorLines: false },
      until: Date.parse('2026-11-11T00:05:00Z'),
      minLatencyMs: 2.5,
    });
  });

  it('names every bad or unknown parameter', () => {
    const { errors } = parseLogParams(params('since=yesterday&status=5x&limit=0&minLatencyMs=-1&cursor=nope&shop=1'), NOW);
    expect(errors?.map((error) => error.field).sort()).toEqual(['cursor', 'limit', 'minLatencyMs', 'shop', 'since', 'status']);
  });
});

describe('the query parameters of /_gateway/series', () => {
  it('defaults to the last 15 minutes at one point a second', () => {
    expect(parseSeriesParams(params('metric=requests&by=channel&function=member'), NOW)).toEqual({
      query: { metric: 'requests', by: 'channel', filters: { function: 'member' }, since: NOW - 15 * 60_000, step: 1 },
    });
  });

  it('names a missing metric, and labels a metric does not have', () => {
    expect(parseSeriesParams(params(''), NOW).errors).toEqual([
      { field: 'metric', messages: [expect.stringContaining('metric must be')] },
    ]);
    const { errors } = parseSeriesParams(params('metric=instances_busy&by=channel&route=/members&step=0.5'), NOW);
    expect(errors?.map((error) => error.field)).toEqual(['by', 'route', 'step']);
  });
});
