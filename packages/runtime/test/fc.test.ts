import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, defineFunction, startCustomRuntime, type FcHttpResult } from '../src/index.js';
import { ThingsController } from './fixtures.js';

const silent = pino({ level: 'silent' });
let builds = 0;
const entry = defineFunction(() => {
  builds++;
  return createApp({ name: 'things', controllers: [new ThingsController()], logger: silent });
});

/** The handler, for HTTP events: its result is FC's HTTP response. */
async function httpInvoke(...args: Parameters<typeof entry.handler>): Promise<FcHttpResult> {
  const result = await entry.handler(...args);
  if (!('statusCode' in result)) throw new Error(`not an HTTP result: ${JSON.stringify(result)}`);
  return result;
}

/** The HTTP-trigger event as FC 3.0 sends it to a built-in runtime (a Buffer of JSON). */
function fcEvent(overrides: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: 'v1',
      rawPath: '/things/a%20b',
      body: '',
      isBase64Encoded: false,
      headers: { 'X-Ca-Request-Id': 'gw-123', 'X-Retail-Channel': 'alipay', Accept: 'application/json,text/plain' },
      queryParameters: {},
      requestContext: {
        accountId: '1234567890',
        domainName: 'f-abc.cn-hangzhou.fcapp.run',
        domainPrefix: 'f-abc',
        http: { method: 'GET', path: '/things/a b', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: 'curl/8' },
        requestId: '1-6523-fc-req',
        time: '2026-11-11T00:00:00Z',
        timeEpoch: '1793923200000',
      },
      ...overrides,
    }),
  );
}

describe('FC HTTP-trigger handler', () => {
  it('builds the app once in the initializer and serves a GET event', async () => {
    await entry.initialize({ requestId: 'init' });
    const result = await httpInvoke(fcEvent(), { requestId: '1-6523-fc-req' });
    expect(builds).toBe(1);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body)).toEqual({ id: 'a b', channel: 'alipay', requestId: 'gw-123' });
    expect(result.headers['x-request-id']).toBe('gw-123');
  });

  it("uses FC's request id when the gateway sent none, and reads the query parameters", async () => {
    const result = await httpInvoke(
      fcEvent({ rawPath: '/things', headers: {}, queryParameters: { limit: '7', cursor: 'abc' } }),
      { requestId: '1-fc-only' },
    );
    expect(JSON.parse(result.body)).toEqual({ limit: 7, cursor: 'abc' });
    expect(result.headers['x-request-id']).toBe('1-fc-only');
  });

  it('decodes base64 bodies and answers 201 with problems as JSON strings', async () => {
    const body = Buffer.from(JSON.stringify({ memberId: 'm1', items: [{ sku: 's', quantity: 1 }] })).toString('base64');
    const event = fcEvent({
      rawPath: '/things',
      body,
      isBase64Encoded: true,
      headers: { 'Content-Type': 'application/json' },
      requestContext: { http: { method: 'POST', path: '/things' }, requestId: 'r' },
    });
    const result = await httpInvoke(event, {});
    expect([result.statusCode, result.headers.location]).toEqual([201, '/things/x']);
    const bad = await httpInvoke(
      fcEvent({
        rawPath: '/things',
        body: '{',
        headers: { 'content-type': 'application/json' },
        requestContext: { http: { method: 'POST' } },
      }),
      {},
    );
    expect([bad.statusCode, JSON.parse(bad.body).code, bad.headers['content-type']]).toEqual([
      400,
      'invalid-json',
      'application/problem+json; charset=utf-8',
    ]);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const event = fcEvent({
      rawPath: '/things',
      body: 'x'.repeat(1024 * 1024 + 1),
      requestContext: { http: { method: 'POST' } },
    });
    const result = await httpInvoke(event, {});
    expect([result.statusCode, JSON.parse(result.body).code]).toEqual([413, 'payload-too-large']);
  });
});

describe('custom runtime server', () => {
  let close: () => void = () => {};
  afterAll(() => close());

  it('serves the app over HTTP, answers /initialize and exposes metrics', async () => {
    const server = await startCustomRuntime(entry, { port: 0, host: '127.0.0.1' });
    close = () => server.close();
    const { port } = server.address() as AddressInfo;
    const send = (method: string, path: string, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ port, method, path, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    expect((await send('POST', '/initialize')).status).toBe(200);
    expect(JSON.parse((await send('GET', '/things/zz')).body)).toMatchObject({ id: 'zz' });
    const tooBig = await send('POST', '/things', 'x'.repeat(1024 * 1024 + 10));
    expect([tooBig.status, JSON.parse(tooBig.body).code]).toEqual([413, 'payload-too-large']);
    const metrics = (await send('GET', '/_runtime/metrics')).body;
    expect(metrics).toContain('retail_function_requests_total{function="things",route="GET /things/:id",status="200"}');
  });
});
