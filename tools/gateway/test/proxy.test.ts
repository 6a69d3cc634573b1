/** Signed calls through the official client reach the right function with the right headers. */
import { randomUUID } from 'node:crypto';
import { CONTENT_TYPE_FORM } from 'aliyun-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, stringToSign } from '../src/index.js';
import type { Echo } from './support/echo.js';
import { DEV, clientFor, signedFetch, startHarness, type Harness } from './support/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('routing and signatures with the official client', () => {
  it('GET with a query reaches the member function with path and query as sent', async () => {
    const echo = (await clientFor('wechat').get(`${h.gateway.url}/members`, {
      query: { phone: '13800000000', limit: 20 },
    })) as Echo;
    expect(echo.function).toBe('member');
    expect(echo.method).toBe('GET');
    expect(echo.url).toBe('/members?phone=13800000000&limit=20');
    expect(echo.headers['x-retail-channel']).toBe('wechat');
    expect(echo.headers['x-ca-request-id']).toMatch(UUID);
    expect(echo.headers['x-request-id']).toBe(echo.headers['x-ca-request-id']);
  });

  it('POST with a JSON body (signed Content-MD5) passes the body on unchanged', async () => {
    const data = { phone: '13800000001', name: '张三', birthday: '1990-01-02' };
    const echo = (await clientFor('app').post(`${h.gateway.url}/members`, { data })) as Echo;
    expect(echo.function).toBe('member');
    expect(echo.method).toBe('POST');
    expect(JSON.parse(echo.body)).toEqual(data);
    expect(echo.headers['content-type']).toBe('application/json');
    expect(echo.headers['content-md5']).toBeDefined();
    expect(echo.headers['x-retail-channel']).toBe('app');
  });

  it('PUT (no Content-MD5 from the client) and DELETE are signed and forwarded', async () => {
    const put = (await clientFor('admin').put(`${h.gateway.url}/stores/s1/inventory/sku-9`, {
      data: { name: 'Milk', price: 1290, quantity: 5 },
    })) as Echo;
    expect(put.function).toBe('stores');
    expect(put.method).toBe('PUT');
    expect(JSON.parse(put.body)).toEqual({ name: 'Milk', price: 1290, quantity: 5 });
    const del = (await clientFor('pos').delete(`${h.gateway.url}/orders/o1`, { query: { reason: 'x' } })) as Echo;
    expect(del.function).toBe('trading');
    expect(del.method).toBe('DELETE');
  });

  it('form bodies: the parameters are part of the signed URL, merged with the query', async () => {
    const echo = (await clientFor('web').post(`${h.gateway.url}/coupons/c1?b=query&z=`, {
      headers: { 'content-type': CONTENT_TYPE_FORM },
      data: { b: 'body wins', a: 'x y', empty: '' },
    })) as Echo;
    expect(echo.function).toBe('coupons');
    expect(echo.body).toBe('b=body%20wins&a=x%20y&empty=');
    expect(echo.headers['content-md5']).toBeUndefined();
  });

  it('query values with spaces, unicode, repeated keys and bare keys sign the same on both sides', async () => {
    const client = clientFor('alipay');
    const inUrl = (await client.get(
      `${h.gateway.url}/stores?flag&city=%E4%B8%8A%E6%B5%B7&city=%E5%8C%97%E4%BA%AC&q=a+b%20c&near=31.2,121.4`,
    )) as Echo;
    expect(inUrl.function).toBe('stores');
    expect(inUrl.url).toBe('/stores?flag&city=%E4%B8%8A%E6%B5%B7&city=%E5%8C%97%E4%BA%AC&q=a+b%20c&near=31.2,121.4');
    const asQuery = (await client.get(`${h.gateway.url}/stores`, {
      query: { city: ['上海', '北京'], q: 'a b&c=d', empty: '', n: 5 },
    })) as Echo;
    expect(asQuery.url).toBe('/stores?city=%E4%B8%8A%E6%B5%B7&city=%E5%8C%97%E4%BA%AC&q=a%20b%26c%3Dd&empty=&n=5');
  });

  it('X-Ca-Signature-Method: HmacSHA1 is verified with SHA-1', async () => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-ca-key': DEV.pos!.appKey,
      'x-ca-nonce': randomUUID(),
      'x-ca-timestamp': String(Date.now()),
      'x-ca-signature-method': 'HmacSHA1',
      'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp',
    };
    const text = stringToSign({ method: 'GET', path: '/members/m1', rawQuery: '', headers, body: Buffer.alloc(0) });
    const ok = await fetch(`${h.gateway.url}/members/m1`, {
      headers: { ...headers, 'x-ca-signature': sign(DEV.pos!.appSecret, text, 'sha1') },
    });
    expect(ok.status).toBe(200);
    const sha256 = await fetch(`${h.gateway.url}/members/m1`, {
      headers: { ...headers, 'x-ca-nonce': randomUUID(), 'x-ca-signature': sign(DEV.pos!.appSecret, text) },
    });
    expect(sha256.status).toBe(400);
  });

  it('HEAD is forwarded, with the length the function announces', async () => {
    const response = await signedFetch(`${h.gateway.url}/members/m1`, 'web', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(response.headers.get('x-ca-request-id')).toBeTruthy();
  });

  it('routes every prefix of the table to its function', async () => {
    const client = clientFor('wechat');
    const cases: Array<[string, string]> = [
      ['/members/m1', 'member'],
      ['/stores', 'stores'],
      ['/coupon-campaigns/c1', 'coupons'],
      ['/coupons', 'coupons'],
      ['/orders/o1', 'trading'],
      ['/flash-sales/f1', 'trading'],
    ];
    for (const [path, fn] of cases) {
      const echo = (await client.get(`${h.gateway.url}${path}`)) as Echo;
      expect(echo.function, path).toBe(fn);
      expect(echo.url, path).toBe(path);
    }
  });

  it('non-admin channels may claim coupons and order flash sales', async () => {
    const claim = (await clientFor('wechat').post(`${h.gateway.url}/coupon-campaigns/c1/claims`, {
      data: { memberId: 'm1' },
    })) as Echo;
    expect(claim.function).toBe('coupons');
    const order = (await clientFor('app').post(`${h.gateway.url}/flash-sales/f1/orders`, {
      data: { memberId: 'm1', quantity: 1 },
    })) as Echo;
    expect(order.function).toBe('trading');
  });
});

describe('identity headers', () => {
  it('strips caller-supplied X-Retail-*, X-Ca-*, X-Request-Id and X-Forwarded-* and sets X-Retail-Channel', async () => {
    const echo = (await clientFor('pos').get(`${h.gateway.url}/members/m1`, {
      headers: {
        'X-Retail-Channel': 'admin',
        'X-Retail-Member': 'm-other',
        'X-Request-Id': 'caller-chosen',
        'X-Forwarded-For': '10.0.0.1',
        'X-Ca-Request-Id': 'caller-chosen-too',
        'Idempotency-Key': 'keep-me',
      },
    })) as Echo;
    expect(echo.headers['x-retail-channel']).toBe('pos');
    expect(echo.headers['x-retail-member']).toBeUndefined();
    expect(echo.headers['x-request-id']).toMatch(UUID);
    expect(echo.headers['x-ca-request-id']).toBe(echo.headers['x-request-id']);
    expect(echo.headers['x-forwarded-for']).toBe('127.0.0.1');
    for (const name of ['x-ca-key', 'x-ca-signature', 'x-ca-signature-headers', 'x-ca-nonce', 'x-ca-timestamp', 'x-ca-stage']) {
      expect(echo.headers[name], name).toBeUndefined();
    }
    expect(echo.headers['idempotency-key']).toBe('keep-me');
  });

  it('a signed X-Retail-Channel (listed in X-Ca-Signature-Headers) is still replaced', async () => {
    const echo = (await clientFor('web').get(`${h.gateway.url}/members/m1`, {
      signHeaders: { 'x-retail-channel': 'admin' },
    })) as Echo;
    expect(echo.headers['x-retail-channel']).toBe('web');
  });
});

describe('responses', () => {
  it('every proxied response carries the gateway request id, and the function sees the same id', async () => {
    const response = await signedFetch(`${h.gateway.url}/members/m1`, 'wechat');
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Echo;
    expect(response.headers.get('x-ca-request-id')).toMatch(UUID);
    expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-ca-request-id'));
    expect(echo.headers['x-ca-request-id']).toBe(response.headers.get('x-ca-request-id'));
  });

  it("passes a function's status, body and own headers on, without an X-Ca-Error-Code (backend errors have none)", async () => {
    const response = await signedFetch(`${h.gateway.url}/orders/o1/status/409`, 'app');
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ code: 'from-function' });
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.get('x-ca-error-code')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-ca-request-id'));
  });

  it('writes one JSON log line per request with the route prefix, never the secret or signature', async () => {
    const before = h.logs.length;
    const response = await signedFetch(`${h.gateway.url}/members/m-secret-path?phone=13800000009`, 'wechat');
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = h.logs.slice(before).find((entry) => entry.event === 'request');
    expect(line).toMatchObject({
      requestId: response.headers.get('x-ca-request-id'),
      channel: 'wechat',
      method: 'GET',
      route: '/members',
      function: 'member',
      status: 200,
    });
    expect(typeof line?.latencyMs).toBe('number');
    const text = JSON.stringify(h.logs);
    expect(text).not.toContain('632cd15e6dfb3acad96664da942978ef');
    expect(text).not.toContain('m-secret-path');
    expect(text).not.toContain('13800000009');
  });
});
