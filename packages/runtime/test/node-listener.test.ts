import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/index.js';
import { ThingsController } from './fixtures.js';

const lines: Record<string, unknown>[] = [];
const logger = pino({ base: { function: 'things' } }, { write: (line: string) => lines.push(JSON.parse(line)) });
const app = createApp({ name: 'things', controllers: [new ThingsController()], logger });
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer(app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the app as a node:http listener', () => {
  it('answers with a known length, the request id and the JSON body', async () => {
    const res = await send('GET', '/things/abc?x=1', { 'x-ca-request-id': 'req-node-1', 'x-retail-channel': 'app' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ id: 'abc', channel: 'app', requestId: 'req-node-1' });
    expect(res.headers['x-request-id']).toBe('req-node-1');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)));
    expect(res.headers['transfer-encoding']).toBeUndefined();
  });

  it('reads and validates a body, and answers 201 with Location', async () => {
    const body = JSON.stringify({ memberId: 'm1', items: [{ sku: 'a', quantity: 2 }] });
    const res = await send('POST', '/things', { 'content-type': 'application/json' }, body);
    expect([res.status, res.headers.location]).toEqual([201, '/things/x']);
    const bad = await send('POST', '/things', { 'content-type': 'application/json' }, '{"memberId":');
    expect([bad.status, JSON.parse(bad.body).code]).toEqual([400, 'invalid-json']);
  });

  it('refuses a body over 1 MiB with 413 and still names the request', async () => {
    const res = await send(
      'POST',
      '/things',
      { 'content-type': 'application/json', 'x-ca-request-id': 'req-big' },
      'x'.repeat(1024 * 1024 + 1),
    );
    expect([res.status, JSON.parse(res.body).code]).toEqual([413, 'payload-too-large']);
    expect(res.headers['x-request-id']).toBe('req-big');
  });

  it('survives a client that goes away in the middle of its body, and runs nothing for it', async () => {
    const before = lines.length;
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"memberId":',
        );
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    const after = await send('GET', '/things/still-here');
    expect(after.status).toBe(200);
    expect(lines.slice(before).map((line) => line.route)).toEqual(['/things/:id']);
  });
});
