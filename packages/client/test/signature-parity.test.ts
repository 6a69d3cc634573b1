/**
 * The client's signatures against the official `aliyun-api-gateway` 1.1.6 client's, both ways: what
 * the official client sends is signed the same by ours, and what ours sends is signed the same by
 * the official client's own string-to-sign and HMAC.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:url';
import { Client, CONTENT_TYPE_FORM, type RequestOptions } from 'aliyun-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentMd5, createTransport, sign, stringToSign, type QueryValues } from '../src/index.js';

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const KEY = 'parity-key';
const SECRET = 'parity-secret-0123456789abcdef';
const official = new Client(KEY, SECRET);
let base: string;
let last: Captured | undefined;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    last = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function captured(): Captured {
  if (!last) throw new Error('nothing captured');
  return last;
}

const flat = (headers: IncomingHttpHeaders) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );

type Method = 'get' | 'post' | 'put' | 'delete';
const OFFICIAL: Array<[string, Method, string, RequestOptions]> = [
  ['plain GET', 'get', '/members/mem_1', {}],
  ['GET with a query option', 'get', '/members', { query: { phone: '13800000000', limit: 20 } }],
  ['query in the URL, repeated and bare keys', 'get', '/stores?b=2&a=1&a=3&flag', {}],
  ['encoded unicode and plus signs', 'get', '/stores?city=%E4%B8%8A%E6%B5%B7&q=a+b%20c', {}],
  ['POST JSON with unicode', 'post', '/members', { data: { phone: '13800000000', name: '李四' } }],
  [
    'POST form with a query',
    'post',
    '/members?a=query&z=1',
    { data: { a: 'body', m: '中文' }, headers: { 'content-type': CONTENT_TYPE_FORM } },
  ],
  ['PUT JSON', 'put', '/stores/s1/inventory/sku1', { data: { quantity: 3 } }],
  ['DELETE with a query', 'delete', '/orders/o1', { query: { reason: 'dup' } }],
  ['extra signed headers', 'get', '/members/mem_1', { signHeaders: { 'x-custom-b': 'B', 'x-custom-a': 'A' } }],
  ['Accept and Date', 'get', '/members/mem_1', { headers: { accept: 'text/plain', date: 'Tue, 01 Jul 2025 00:00:00 GMT' } }],
];

describe('what the official client sends, signed by ours', () => {
  for (const [name, method, path, options] of OFFICIAL) {
    it(name, async () => {
      last = undefined;
      await official[method](`${base}${path}`, structuredClone(options));
      const request = captured();
      const q = request.url.indexOf('?');
      const text = stringToSign({
        method: request.method,
        path: q < 0 ? request.url : request.url.slice(0, q),
        rawQuery: q < 0 ? '' : request.url.slice(q + 1),
        headers: flat(request.headers),
        body: request.body,
      });
      expect(sign(SECRET, text), text.replace(/\n/g, '#')).toBe(request.headers['x-ca-signature']);
      if (request.headers['content-md5'] !== undefined) expect(contentMd5(request.body)).toBe(request.headers['content-md5']);
    });
  }
});

const OURS: Array<[string, string, string, { query?: QueryValues; body?: unknown; idempotencyKey?: string }]> = [
  ['GET by id', 'GET', '/members/mem_01j9z3k5q8x7v2w4t6y8r0p2n4', {}],
  ['GET with query values, unicode and spaces', 'GET', '/stores', { query: { city: '上海', format: 'convenience', q: 'a b' } }],
  ['GET with a query in the path and as values', 'GET', '/coupons?memberId=mem_1', { query: { status: 'available', limit: 5 } }],
  ['repeated query keys', 'GET', '/stores', { query: { tag: ['b', 'a'] } }],
  ['POST JSON with unicode', 'POST', '/members', { body: { phone: '13800000000', name: '李四' } }],
  ['idempotent POST', 'POST', '/members/mem_1/points', { body: { delta: 5, reason: 'order' }, idempotencyKey: 'key-1' }],
  ['PUT JSON', 'PUT', '/stores/s1/inventory/sku%201', { body: { name: 'Milk', price: 350, quantity: 3 } }],
  ['POST without a body', 'POST', '/orders/ord_1/cancellation', {}],
];

describe('what our client sends, signed by the official client', () => {
  for (const [name, method, path, options] of OURS) {
    it(name, async () => {
      last = undefined;
      await createTransport({ baseUrl: base, appKey: KEY, appSecret: SECRET }).send(method, path, options);
      const request = captured();
      const headers = flat(request.headers);
      expect(headers['x-ca-key']).toBe(KEY);
      const signedKeys = headers['x-ca-signature-headers']!.split(',');
      const text = official.buildStringToSign(
        request.method,
        headers,
        official.getSignedHeadersString([...signedKeys].sort(), headers),
        parse(request.url, true),
      );
      expect(official.sign(text), text.replace(/\n/g, '#')).toBe(headers['x-ca-signature']);
      if (request.body.length > 0) expect(official.md5(request.body)).toBe(headers['content-md5']);
      if (options.idempotencyKey) expect(signedKeys).toContain('idempotency-key');
    });
  }
});
