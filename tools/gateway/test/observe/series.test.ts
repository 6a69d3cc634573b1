/**
 * GET /_gateway/series over real traffic: requests per function and per channel at one-second
 * resolution, throttles per channel, latency percentiles, the member pool's instances and water
 * level; a cap on label sets whatever the number of channel apps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesResult } from '@retail/observe';
import { DEV, signedFetch } from '../support/harness.js';
import { startObservedMember, until, type ObservedMember } from '../support/observed-member.js';

let platform: ObservedMember;
let url: string;
const sent = { member: { pos: 0, wechat: 0 }, stores: { pos: 0, wechat: 0 } };
let throttled = 0;

beforeAll(async () => {
  platform = await startObservedMember();
  url = platform.gateway.url;
  for (let round = 0; round < 6; round++) {
    for (const channel of ['pos', 'wechat'] as const) {
      expect((await signedFetch(`${url}/members/mem_unknown${round}`, channel)).status).toBe(404);
      sent.member[channel]++;
      if (round % 2 === 0) {
        expect((await signedFetch(`${url}/stores/s${round}`, channel)).status).toBe(200);
        sent.stores[channel]++;
      }
    }
  }
  // One channel throttled to one request a second: of a quick burst, all but the first get 429.
  const admin = await signedFetch(`${url}/_gateway/channels/alipay/throttle`, 'admin', {
    method: 'PUT',
    data: { rps: 1, burst: 1 },
  });
  expect(admin.status).toBe(200);
  const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => signedFetch(`${url}/stores/t${i}`, 'alipay')));
  throttled = burst.filter((response) => response.status === 429).length;
  expect(throttled).toBeGreaterThan(0);
});
afterAll(async () => {
  await platform?.stop();
});

async function series(query: string): Promise<SeriesResult> {
  const response = await fetch(`${url}/_gateway/series?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SeriesResult;
}

/** A series' points once the second of the last request is complete (the series leave out the second in progress). */
async function settled(query: string, total: (result: SeriesResult) => number, expected: number): Promise<SeriesResult> {
  return until(async () => {
    const result = await series(query);
    return total(result) === expected ? result : undefined;
  });
}

const sum = (result: SeriesResult, labels: Record<string, string>) =>
  result.series
    .filter((one) => Object.entries(labels).every(([name, value]) => one.labels[name] === value))
    .flatMap((one) => one.points)
    .reduce((total, [, value]) => total + value, 0);

describe('GET /_gateway/series', () => {
  it('counts every request once, per function and per channel, one point a second', async () => {
    const total = sent.member.pos + sent.member.wechat + sent.stores.pos + sent.stores.wechat + 8;
    const byFunction = await settled('metric=requests&by=function&since=5m', (result) => sum(result, {}), total);
    expect(byFunction).toMatchObject({ metric: 'requests', step: 1 });
    expect(sum(byFunction, { function: 'member' })).toBe(sent.member.pos + sent.member.wechat);
    expect(sum(byFunction, { function: 'stores' })).toBe(sent.stores.pos + sent.stores.wechat + 8);
    for (const one of byFunction.series) {
      const times = one.points.map(([time]) => time);
      expect(times.every((time, i) => i === 0 || time - times[i - 1]! === 1000)).toBe(true);
      expect(times.every((time) => time % 1000 === 0)).toBe(true);
    }
    const byChannel = await series('metric=requests&by=channel&function=member&since=5m');
    expect(byChannel.series.map((one) => one.labels.channel)).toEqual(['pos', 'wechat']);
    expect(sum(byChannel, { channel: 'pos' })).toBe(sent.member.pos);
    const errors = await series('metric=errors&by=function&since=5m');
    expect(sum(errors, {})).toBe(0);
  });

  it("counts 429s per channel, and leaves the gateway's refusals out of the function's latency", async () => {
    const result = await settled('metric=throttled&by=channel&since=5m', (one) => sum(one, {}), throttled);
    expect(sum(result, { channel: 'alipay' })).toBe(throttled);
    const p50 = await series('metric=latency_p50&by=function&since=5m');
    expect(p50.series.map((one) => one.labels.function).sort()).toEqual(['member', 'stores']);
    expect(p50.series.every((one) => one.points.every(([, ms]) => ms > 0))).toBe(true);
    const p99 = await series('metric=latency_p99&since=5m&step=300');
    expect(p99.series[0]!.points).toHaveLength(1);
  });

  it("shows the member pool's instances, cold starts and water level every second", async () => {
    const idle = await series('metric=instances_idle&by=function&since=1m');
    expect(idle.series.map((one) => one.labels.function)).toEqual(['member']);
    expect(idle.series[0]!.points.at(-1)![1]).toBeGreaterThanOrEqual(1);
    const water = await series('metric=concurrency_in_use&by=function&since=1m');
    expect(water.series[0]!.points.every(([, level]) => level >= 0 && level <= 1)).toBe(true);
    expect((await series('metric=cold_starts&since=1m')).series[0]!.points.length).toBeGreaterThan(0);
  });

  it('names a bad metric or a label the metric does not have', async () => {
    const response = await fetch(`${url}/_gateway/series?metric=instances_busy&by=channel`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'by' }] });
    expect((await fetch(`${url}/_gateway/series?metric=cpu`)).status).toBe(400);
  });

  it('adds the alarm and log-store gauges to the Prometheus text', async () => {
    const text = await (await fetch(`${url}/_gateway/metrics`)).text();
    expect(text).toMatch(/^retail_log_store_bytes \d+$/m);
    expect(text).toContain('# TYPE retail_alarms_firing gauge');
    expect(text).toMatch(/^retail_requests_total\{function="member"/m);
  });
});

describe('label cardinality', () => {
  it('stays within the cap however many channel apps call: the rest is counted as other', async () => {
    const apps = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `shop-${i}`,
        { appKey: `shop-key-${i}`, appSecret: `shop-secret-${i}-0123456789`, rps: 100, burst: 100 },
      ]),
    );
    const capped = await startObservedMember({ observe: { maxLabelSets: 4 }, channels: { ...DEV, ...apps } });
    try {
      const { Client } = await import('aliyun-api-gateway');
      for (let i = 0; i < 12; i++)
        await new Client(`shop-key-${i}`, `shop-secret-${i}-0123456789`).get(`${capped.gateway.url}/stores/s${i}`);
      const result = await until(async () => {
        const answer = (await (
          await fetch(`${capped.gateway.url}/_gateway/series?metric=requests&by=channel&since=5m`)
        ).json()) as SeriesResult;
        return sum(answer, {}) === 12 ? answer : undefined;
      });
      expect(result.series).toHaveLength(5);
      expect(sum(result, { channel: 'other' })).toBe(8);
      expect(capped.observe.series.labelSetCount()).toBeLessThanOrEqual(4 + 1 + 4 + 1);
    } finally {
      await capped.stop();
    }
  });
});
