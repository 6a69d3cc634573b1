/** The gateway endpoints without signature: health and Prometheus metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../src/index.js';
import { freePort } from './support/echo.js';
import { DEV, clientFor, refusedCall, startHarness, type Harness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ channels: { ...DEV, pos: { ...DEV.pos!, rps: 1, burst: 1 } } });
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /_gateway/health', () => {
  it('answers without a signature, with every function ready', async () => {
    const response = await fetch(`${h.gateway.url}/_gateway/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ca-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      status: 'ok',
      functions: { member: 'ready', stores: 'ready', coupons: 'ready', trading: 'ready' },
    });
  });

  it('reports a function that is down or not configured as down (status degraded), quickly', async () => {
    const gateway = await startGateway({
      channels: DEV,
      upstreams: { member: `http://127.0.0.1:${await freePort()}`, stores: h.echoes.stores.url },
      healthTimeoutMs: 300,
      log: () => {},
    });
    try {
      const started = Date.now();
      const response = await fetch(`${gateway.url}/_gateway/health`);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await response.json()).toEqual({
        status: 'degraded',
        functions: { member: 'down', stores: 'ready', coupons: 'down', trading: 'down' },
      });
    } finally {
      await gateway.stop();
    }
  });
});

describe('GET /_gateway/metrics', () => {
  it('counts requests by function, route prefix, channel and status, with latency and throttling', async () => {
    const wechat = clientFor('wechat');
    await wechat.get(`${h.gateway.url}/members/m1`);
    await wechat.get(`${h.gateway.url}/members/m2?x=1`);
    await wechat.post(`${h.gateway.url}/orders`, { data: { memberId: 'm1' } });
    const pos = clientFor('pos');
    await pos.get(`${h.gateway.url}/stores/s1`);
    await refusedCall(pos.get(`${h.gateway.url}/stores/s1`));
    await fetch(`${h.gateway.url}/members/m1`);

    const response = await fetch(`${h.gateway.url}/_gateway/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('retail_requests_total{function="member",route="/members",channel="wechat",status="200"}')).toBe(2);
    expect(value('retail_requests_total{function="trading",route="/orders",channel="wechat",status="200"}')).toBe(1);
    expect(value('retail_requests_total{function="stores",route="/stores",channel="pos",status="429"}')).toBe(1);
    expect(value('retail_requests_total{function="member",route="/members",channel="anonymous",status="401"}')).toBe(1);
    expect(value('retail_throttled_total{channel="pos"}')).toBe(1);
    expect(value('retail_request_duration_seconds_count{function="member",route="/members",channel="wechat"}')).toBe(2);
    expect(value('retail_request_duration_seconds_bucket{function="member",route="/members",channel="wechat",le="+Inf"}')).toBe(
      2,
    );
    expect(text).toContain('# TYPE retail_request_duration_seconds histogram');
    expect(text).toContain('# TYPE retail_requests_total counter');
    // Route labels are table prefixes: no raw paths, ids or queries.
    expect(text).not.toMatch(/m1|m2|s1|x=1/);
  });
});
