/**
 * Signed requests over keep-alive connections (node:http, no fetch: its per-request cost would
 * make the generator a bottleneck sooner), signed as Alibaba Cloud API Gateway expects.
 */
import { contentMd5, sign, stringToSign } from '@retail/gateway';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { RequestSpec } from './targets.js';

export interface ChannelKey {
  appKey: string;
  appSecret: string;
}

/** What came back: status 0 when there was no answer (connection failed, or timed out). */
export interface Answer {
  status: number;
  body: Buffer;
}

/** A client for one gateway. */
export interface SignedClient {
  send(spec: RequestSpec, key: ChannelKey): Promise<Answer>;
  close(): void;
}

/**
 * A client that keeps up to `maxSockets` connections open to `baseUrl`.
 *
 * @example
 * const client = signedClient('http://127.0.0.1:8080', 10_000);
 * await client.send({ method: 'GET', path: '/members/mem_1', idempotent: false }, channels.app);
 */
export function signedClient(baseUrl: string, timeoutMs: number, maxSockets = 512): SignedClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    send(spec, key) {
      const payload = spec.body ? Buffer.from(JSON.stringify(spec.body)) : Buffer.alloc(0);
      const [path = '/', rawQuery = ''] = spec.path.split(/\?(.*)/s);
      const headers: Record<string, string> = {
        accept: 'application/json',
        'x-ca-key': key.appKey,
        'x-ca-timestamp': String(Date.now()),
        'x-ca-nonce': randomUUID(),
        'x-ca-signature-method': 'HmacSHA256',
        'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp',
      };
      if (payload.length > 0) {
        headers['content-type'] = 'application/json; charset=utf-8';
        headers['content-md5'] = contentMd5(payload);
      }
      if (spec.idempotent) headers['idempotency-key'] = randomUUID();
      headers['x-ca-signature'] = sign(
        key.appSecret,
        stringToSign({ method: spec.method, path, rawQuery, headers, body: payload }),
      );
      return new Promise((resolve) => {
        const req = request(
          { host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', () => resolve({ status: 0, body: Buffer.alloc(0) }));
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy());
        req.on('error', () => resolve({ status: 0, body: Buffer.alloc(0) }));
        req.end(payload.length > 0 ? payload : undefined);
      });
    },
    close: () => agent.destroy(),
  };
}
