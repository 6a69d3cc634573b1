/** Every refusal of API.md's table: status, `code`, X-Ca-Error-Message and X-Ca-Error-Code. */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'aliyun-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, clientFor, refusedCall, signedFetch, startHarness, type Harness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    channels: { ...DEV, pos: { ...DEV.pos!, rps: 1, burst: 2 } },
  });
});
afterAll(async () => {
  await h?.stop();
});

/** Reads a refusal's problem body and checks the problem+json shape. */
async function problemOf(
  response: Response,
  status: number,
  code: string,
  message: string | RegExp,
): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const errorMessage = response.headers.get('x-ca-error-message') ?? '';
  if (typeof message === 'string') expect(errorMessage).toBe(message);
  else expect(errorMessage).toMatch(message);
  expect(response.headers.get('x-ca-error-code')).toBeTruthy();
  expect(response.headers.get('x-ca-request-id')).toBeTruthy();
  expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-ca-request-id'));
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `/problems/${code}`, status, code });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('authentication refusals', () => {
  it('no X-Ca-Signature / X-Ca-Key: 401 signature-missing, Empty Signature', async () => {
    await problemOf(await fetch(`${h.gateway.url}/members/m1`), 401, 'signature-missing', 'Empty Signature');
    await problemOf(
      await fetch(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-key': DEV.wechat!.appKey } }),
      401,
      'signature-missing',
      'Empty Signature',
    );
  });

  it('unknown AppKey: 400 invalid-app-key, Invalid AppKey (A400IK)', async () => {
    const { status, headers } = await refusedCall(new Client('nope', 'secret-secret-secret').get(`${h.gateway.url}/members/m1`));
    expect(status).toBe(400);
    expect(headers['x-ca-error-message']).toBe('Invalid AppKey');
    expect(headers['x-ca-error-code']).toBe('A400IK');
  });

  it('wrong secret: 400 invalid-signature with the server string to sign, line feeds as #', async () => {
    const { status, headers } = await refusedCall(
      clientFor('wechat', 'not-the-secret-at-all').get(`${h.gateway.url}/members?phone=13800000000`),
    );
    expect(status).toBe(400);
    expect(headers['x-ca-error-code']).toBe('A403IS');
    const message = headers['x-ca-error-message'] ?? '';
    expect(message).toMatch(
      /^Invalid Signature, Server StringToSign:GET#application\/json####x-ca-key:74589650b6ce#x-ca-nonce:[0-9a-f-]{36}#x-ca-stage:RELEASE#x-ca-timestamp:\d{13}#\/members\?phone=13800000000$/,
    );
    const response = await signedFetch(`${h.gateway.url}/members?phone=1`, 'wechat', { secret: 'not-the-secret-at-all' });
    const body = await problemOf(response, 400, 'invalid-signature', /^Invalid Signature, Server StringToSign:/);
    expect(body.stringToSign).toMatch(/^GET\napplication\/json\n\n\n\nx-ca-key:/);
  });

  it('a body sent with the (signed) Content-MD5 of another body: Invalid Content-MD5', async () => {
    const client = clientFor('app');
    const md5 = client.md5('{"a":1}');
    const { status, headers } = await refusedCall(
      client.put(`${h.gateway.url}/members/m1`, { data: { a: 2 }, headers: { 'content-md5': md5 } }),
    );
    expect(status).toBe(400);
    expect(headers['x-ca-error-message']).toBe('Invalid Content-MD5');
  });

  it('timestamp older than 15 minutes, in the future, or missing: 400 timestamp-expired', async () => {
    const client = clientFor('web');
    for (const timestamp of [Date.now() - 16 * 60_000, Date.now() + 16 * 60_000, 'yesterday']) {
      const { status, headers } = await refusedCall(
        client.get(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-timestamp': timestamp } }),
      );
      expect(status, String(timestamp)).toBe(400);
      expect(headers['x-ca-error-message']).toBe('Timestamp Expired');
    }
    const missing = await fetch(`${h.gateway.url}/members/m1`, {
      headers: { 'x-ca-key': DEV.web!.appKey, 'x-ca-signature': 'x' },
    });
    await problemOf(missing, 400, 'timestamp-expired', 'Timestamp Expired');
    // 14 minutes old is still accepted.
    await expect(
      client.get(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-timestamp': Date.now() - 14 * 60_000 } }),
    ).resolves.toBeDefined();
  });

  it('a nonce seen in the last 15 minutes: 400 nonce-used, Nonce Used', async () => {
    const client = clientFor('alipay');
    const nonce = randomUUID();
    await client.get(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-nonce': nonce } });
    const { status, headers } = await refusedCall(
      client.get(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-nonce': nonce } }),
    );
    expect(status).toBe(400);
    expect(headers['x-ca-error-message']).toBe('Nonce Used');
    // Another channel app's nonce space is its own.
    await expect(
      clientFor('web').get(`${h.gateway.url}/members/m1`, { headers: { 'x-ca-nonce': nonce } }),
    ).resolves.toBeDefined();
  });

  it('a replayed request (same nonce, same signature) is refused', async () => {
    const first = await signedFetch(`${h.gateway.url}/members/m1`, 'wechat', { headers: { 'x-ca-nonce': 'fixed-nonce-1' } });
    expect(first.status).toBe(200);
    const again = await signedFetch(`${h.gateway.url}/members/m1`, 'wechat', { headers: { 'x-ca-nonce': 'fixed-nonce-1' } });
    await problemOf(again, 400, 'nonce-used', 'Nonce Used');
  });

  it('Content-MD5 present and not the body: 400 invalid-content-md5, Invalid Content-MD5', async () => {
    const response = await signedFetch(`${h.gateway.url}/members/m1`, 'app', {
      method: 'PUT',
      data: { name: 'x' },
      headers: { 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' },
    });
    await problemOf(response, 400, 'invalid-content-md5', 'Invalid Content-MD5');
  });
});

describe('authorization, flow control, routing', () => {
  it('a non-admin channel on an admin route: 403 unauthorized, Unauthorized', async () => {
    const client = clientFor('wechat');
    const attempts: Array<Promise<unknown>> = [
      client.post(`${h.gateway.url}/stores`, { data: { name: 's' } }),
      client.put(`${h.gateway.url}/stores/s1/inventory/sku1`, { data: { quantity: 1 } }),
      client.post(`${h.gateway.url}/coupon-campaigns`, { data: { name: 'c' } }),
      client.post(`${h.gateway.url}/flash-sales`, { data: { storeId: 's1' } }),
      client.get(`${h.gateway.url}/_gateway/channels`),
      client.put(`${h.gateway.url}/_gateway/channels/wechat/throttle`, { data: { rps: 1000, burst: 1000 } }),
    ];
    for (const attempt of attempts) {
      const { status, headers } = await refusedCall(attempt);
      expect(status).toBe(403);
      expect(headers['x-ca-error-message']).toBe('Unauthorized');
      expect(headers['x-ca-error-code']).toBe('unauthorized');
    }
    const response = await signedFetch(`${h.gateway.url}/stores`, 'app', { method: 'POST', data: { name: 's' } });
    await problemOf(response, 403, 'unauthorized', 'Unauthorized');
    expect(h.echoes.stores.received.filter((echo) => echo.method !== 'GET')).toHaveLength(0);
    // The admin channel passes.
    await expect(clientFor('admin').post(`${h.gateway.url}/stores`, { data: { name: 's' } })).resolves.toMatchObject({
      function: 'stores',
    });
  });

  it('over the channel rate: 429 throttled with Retry-After, Throttled by APP Flow Control', async () => {
    const client = clientFor('pos');
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => client.get(`${h.gateway.url}/members/m1`)));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(2);
    const response = await signedFetch(`${h.gateway.url}/members/m1`, 'pos');
    await problemOf(response, 429, 'throttled', 'Throttled by APP Flow Control');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const { status, headers } = await refusedCall(client.get(`${h.gateway.url}/members/m1`));
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('1');
    // Other channels are not affected.
    await expect(clientFor('web').get(`${h.gateway.url}/members/m1`)).resolves.toBeDefined();
  });

  it('no function for the path: 404 not-found, API not found (I404NF), signed or not', async () => {
    for (const path of ['/nothing', '/membership', '/_gateway/nothing', '/']) {
      await problemOf(await fetch(`${h.gateway.url}${path}`), 404, 'not-found', 'API not found');
    }
    const { status, headers } = await refusedCall(clientFor('wechat').get(`${h.gateway.url}/products/p1`));
    expect(status).toBe(404);
    expect(headers['x-ca-error-message']).toBe('API not found');
    expect(headers['x-ca-error-code']).toBe('I404NF');
  });

  it('paths with dot segments or encoded slashes: 400 invalid-path', async () => {
    // fetch would normalise these paths away: send them as they are.
    for (const path of ['/members/../stores', '/members/%2e%2e/stores', '/members/./m1', '/members/a%2Fb', '/members/%zz']) {
      const response = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
        (resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: h.gateway.port, path }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          });
          req.on('error', reject);
          req.end();
        },
      );
      expect(response.status, path).toBe(400);
      expect(response.headers['x-ca-error-message']).toBe('Invalid Request Path');
      expect(JSON.parse(response.body)).toMatchObject({ code: 'invalid-path' });
    }
  });
});
