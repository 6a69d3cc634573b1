import { describe, expect, it } from 'vitest';
import { createApp, type RuntimeRequest } from '../src/index.js';
import { pino } from 'pino';
import { ThingsController } from './fixtures.js';

const lines: Record<string, unknown>[] = [];
const logger = pino({ base: { function: 'things' } }, { write: (line: string) => lines.push(JSON.parse(line)) });
const app = createApp({ name: 'things', controllers: [new ThingsController()], logger });

const request = (
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): RuntimeRequest => {
  const [pathname, query = ''] = path.split('?');
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return {
    method,
    path: pathname!,
    query,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: body === undefined ? undefined : Buffer.from(body),
  };
};
const call = async (...args: Parameters<typeof request>) => {
  const response = await app.handle(request(...args));
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
};

describe('createApp', () => {
  it('routes to typescript-rest controllers with path params, context and the request id', async () => {
    const res = await call('GET', '/things/abc', { headers: { 'x-ca-request-id': 'req-1', 'x-retail-channel': 'wechat' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: 'abc', channel: 'wechat', requestId: 'req-1' });
    expect(res.headers['x-request-id']).toBe('req-1');
    expect(lines.at(-1)).toMatchObject({
      requestId: 'req-1',
      route: '/things/:id',
      status: 200,
      channel: 'wechat',
      function: 'things',
    });
  });

  it('converts numeric path params strictly', async () => {
    expect((await call('GET', '/things/a/count/12')).json).toEqual({ id: 'a', n: 12 });
    const bad = await call('GET', '/things/a/count/12abc');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'validation-failed', errors: [{ field: 'n' }] });
  });

  it('validates query DTOs with defaults and names bad values', async () => {
    expect((await call('GET', '/things')).json).toEqual({ limit: 20, cursor: null });
    expect((await call('GET', '/things?limit=5&cursor=c1')).json).toEqual({ limit: 5, cursor: 'c1' });
    const bad = await call('GET', '/things?limit=500&color=red');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['color', 'limit']);
  });

  it('validates bodies, naming nested fields and unknown properties', async () => {
    const res = await call('POST', '/things', {
      body: {
        memberId: 'm1',
        items: [
          { sku: 'a', quantity: 0 },
          { sku: 'b', quantity: 1, extra: 1 },
        ],
        other: true,
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('validation-failed');
    const fields = res.json.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['items[0].quantity', 'items[1].extra', 'other']);
  });

  it('answers 201 with Location for Return.NewResource', async () => {
    const res = await call('POST', '/things', { body: { memberId: 'm1', items: [{ sku: 'a', quantity: 2 }] } });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/things/x');
    expect(res.json).toEqual({ memberId: 'm1', lines: 1 });
  });

  it('refuses malformed JSON, non-object JSON and a missing body', async () => {
    expect((await call('POST', '/things', { raw: '{"memberId":' })).json.code).toBe('invalid-json');
    for (const raw of ['[1,2]', '"text"', '42', 'null']) {
      const res = await call('POST', '/things', { raw });
      expect([res.status, res.json.code]).toEqual([400, 'validation-failed']);
    }
    expect((await call('POST', '/things')).json.code).toBe('validation-failed');
  });

  it('maps domain errors to problems and masks defects with the request id', async () => {
    const missing = await call('GET', '/things/missing');
    expect([missing.status, missing.json.code]).toEqual([404, 'not-found']);
    const conflict = await call('POST', '/things', { body: { memberId: 'taken', items: [{ sku: 'a', quantity: 1 }] } });
    expect([conflict.status, conflict.json.code]).toEqual([409, 'phone-taken']);
    const boom = await call('GET', '/things/boom', { headers: { 'x-ca-request-id': 'req-boom' } });
    expect([boom.status, boom.json.code]).toEqual([500, 'internal-error']);
    expect(boom.body).not.toContain('secret');
    const logged = lines.find((line) => line.msg === 'unhandled error');
    expect(logged).toMatchObject({ requestId: 'req-boom', level: 50 });
    expect(JSON.stringify(logged)).toContain('secret internal detail');
  });

  it('answers 404 problems for unknown routes', async () => {
    const res = await call('GET', '/nowhere');
    expect([res.status, res.json.code]).toEqual([404, 'not-found']);
  });
});

describe('reserved keys in input', () => {
  it('refuses Object.prototype names anywhere in a body by name, never a 500', async () => {
    const res = await call('POST', '/things', {
      raw: '{"memberId":"m1","items":[{"sku":"a","quantity":1,"constructor":"x"}],"toString":1,"__proto__":{"a":1}}',
    });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      '__proto__',
      'items[0].constructor',
      'toString',
    ]);
  });
});
