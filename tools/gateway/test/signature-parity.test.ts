/**
 * The gateway's string to sign against the official client's, over many request shapes: a capture
 * server records what the client sends, and the gateway's signature of it must be the client's.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, CONTENT_TYPE_FORM, CONTENT_TYPE_JSON, type RequestOptions } from 'aliyun-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentMd5, sign, stringToSign } from '../src/index.js';

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SECRET = 'parity-secret-0123456789abcdef';
const client = new Client('parity-key', SECRET);
let base: string;
let last: Captured | undefined;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    last = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Method = 'get' | 'post' | 'put' | 'delete';
const CASES: Array<[string, Method, string, RequestOptions]> = [
  ['plain GET', 'get', '/members/m1', {}],
  ['GET with query option', 'get', '/members', { query: { phone: '13800000000', limit: 20 } }],
  ['GET with data as query', 'get', '/stores', { data: { city: 'Shanghai', format: 'convenience' } }],
  ['query in the URL, repeated keys and a bare key', 'get', '/stores?b=2&a=1&a=3&flag', {}],
  ['encoded unicode and plus signs in the URL', 'get', '/stores?city=%E4%B8%8A%E6%B5%B7&q=a+b%20c', {}],
  [
    'unicode, reserved characters and arrays as query option',
    'get',
    '/stores',
    { query: { city: ['上海', '北京'], q: 'a&b=c', e: '' } },
  ],
  ['URL query merged with query option', 'get', '/coupons?memberId=m1', { query: { status: 'available' } }],
  ['keys that sort by code unit', 'get', '/x', { query: { B: '1', a: '2', _: '3', '0': '4' } }],
  ['POST JSON', 'post', '/members', { data: { phone: '13800000000', name: '李四' } }],
  ['POST JSON with charset', 'post', '/orders', { data: { a: 1 }, headers: { 'content-type': CONTENT_TYPE_JSON } }],
  ['POST form', 'post', '/members', { data: { b: '2', a: 'x y', c: '' }, headers: { 'content-type': CONTENT_TYPE_FORM } }],
  [
    'POST form with query, a key in both (body wins)',
    'post',
    '/members?a=query&z=1',
    { data: { a: 'body', m: '中文' }, headers: { 'content-type': CONTENT_TYPE_FORM } },
  ],
  ['POST text body', 'post', '/orders', { data: 'raw text', headers: { 'content-type': 'text/plain' } }],
  ['POST with query option', 'post', '/orders', { data: { a: 1 }, query: { dryRun: 'true' } }],
  ['PUT JSON (no Content-MD5)', 'put', '/stores/s1/inventory/sku1', { data: { quantity: 3 } }],
  ['PUT form', 'put', '/members/m1', { data: { name: 'n' }, headers: { 'content-type': CONTENT_TYPE_FORM } }],
  ['DELETE with query', 'delete', '/orders/o1', { query: { reason: 'dup' } }],
  ['extra signed headers', 'get', '/members/m1', { signHeaders: { 'x-custom-b': 'B', 'x-custom-a': 'A' } }],
  ['user x-ca-* headers are signed', 'get', '/members/m1', { headers: { 'x-ca-extra': 'yes', 'X-Ca-Stage': 'TEST' } }],
  ['Accept and Date lines', 'get', '/members/m1', { headers: { accept: 'text/plain', date: 'Tue, 01 Jul 2025 00:00:00 GMT' } }],
  ['encoded path', 'get', '/members/a%20b/%E4%B8%AD', {}],
];

describe('string to sign parity with aliyun-api-gateway 1.1.6', () => {
  for (const [name, method, path, options] of CASES) {
    it(name, async () => {
      last = undefined;
      await client[method](`${base}${path}`, structuredClone(options));
      const captured = last as Captured | undefined;
      if (!captured) throw new Error('nothing captured');
      const q = captured.url.indexOf('?');
      const text = stringToSign({
        method: captured.method,
        path: q < 0 ? captured.url : captured.url.slice(0, q),
        rawQuery: q < 0 ? '' : captured.url.slice(q + 1),
        headers: captured.headers,
        body: captured.body,
      });
      expect(sign(SECRET, text), text.replace(/\n/g, '#')).toBe(captured.headers['x-ca-signature']);
      if (captured.headers['content-md5'] !== undefined) expect(contentMd5(captured.body)).toBe(captured.headers['content-md5']);
    });
  }
});
