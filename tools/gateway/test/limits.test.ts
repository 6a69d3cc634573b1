/** Body limit and upstream failures: answered as problems, quickly, never a hang. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { freePort, type Echo } from './support/echo.js';
import { DEV, signedFetch, startHarness, type Harness } from './support/harness.js';

const MiB = 1024 * 1024;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ upstreamTimeoutMs: 300 });
});
afterAll(async () => {
  await h?.stop();
});

describe('body limit (1 MiB)', () => {
  it('accepts a body of exactly 1 MiB', async () => {
    const data = JSON.stringify({ blob: 'x'.repeat(MiB - 11) });
    expect(Buffer.byteLength(data)).toBe(MiB);
    const response = await signedFetch(`${h.gateway.url}/members`, 'app', { method: 'POST', data });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: string }).body).toHaveLength(MiB);
  });

  it('refuses a larger one with 413 payload-too-large, signed or not', async () => {
    const data = JSON.stringify({ blob: 'x'.repeat(MiB) });
    const signed = await signedFetch(`${h.gateway.url}/members`, 'app', { method: 'POST', data });
    expect(signed.status).toBe(413);
    expect(signed.headers.get('x-ca-error-message')).toBe('Request body too Large');
    expect(await signed.json()).toMatchObject({ status: 413, code: 'payload-too-large' });
    const unsigned = await fetch(`${h.gateway.url}/members`, { method: 'POST', body: data });
    expect(unsigned.status).toBe(413);
  });

  it('counts a chunked body (no Content-Length) as it arrives', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.gateway.port, path: '/members', method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      // Signed headers are irrelevant here: a body over the limit is refused once it is read.
      req.setHeader('x-ca-key', DEV.app!.appKey);
      req.setHeader('x-ca-signature', 'x');
      req.setHeader('x-ca-timestamp', String(Date.now()));
      for (let i = 0; i < 3; i++) req.write(Buffer.alloc(MiB / 2, 'a'));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ code: 'payload-too-large' });
  });
});

describe('upstream failures', () => {
  it('an upstream that is down: 502 upstream-unreachable, at once', async () => {
    const gateway = await startGateway({
      channels: DEV,
      upstreams: { member: `http://127.0.0.1:${await freePort()}` },
      log: () => {},
    });
    try {
      const started = Date.now();
      const response = await signedFetch(`${gateway.url}/members/m1`, 'wechat');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('x-ca-error-message')).toBe('Backend service connect failed');
      expect(response.headers.get('x-ca-request-id')).toBeTruthy();
      expect(await response.json()).toMatchObject({ status: 502, code: 'upstream-unreachable' });
    } finally {
      await gateway.stop();
    }
  });

  it('a function without an upstream: 503 function-unavailable', async () => {
    const gateway: Gateway = await startGateway({ channels: DEV, upstreams: {}, log: () => {} });
    try {
      const response = await signedFetch(`${gateway.url}/coupons/c1`, 'wechat');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 503, code: 'function-unavailable' });
    } finally {
      await gateway.stop();
    }
  });

  it('an upstream slower than the timeout: 504 upstream-timeout', async () => {
    const started = Date.now();
    const response = await signedFetch(`${h.gateway.url}/orders/slow`, 'pos');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(response.status).toBe(504);
    expect(response.headers.get('x-ca-error-message')).toBe('Backend service request timeout');
    expect(await response.json()).toMatchObject({ status: 504, code: 'upstream-timeout' });
  });

  it('reuses kept-alive upstream connections, and reconnects after the function closed an idle one', async () => {
    const ports: Array<number | undefined> = [];
    for (let i = 0; i < 3; i++) {
      const response = await signedFetch(`${h.gateway.url}/members/m${i}`, 'web');
      expect(response.status).toBe(200);
      ports.push(((await response.json()) as Echo).remotePort);
    }
    expect(new Set(ports).size).toBe(1);
    h.echoes.member.closeIdle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await signedFetch(`${h.gateway.url}/members/m9`, 'web');
    expect(after.status).toBe(200);
  });
});
