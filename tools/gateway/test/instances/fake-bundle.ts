/** A tiny custom-runtime bundle for the pool's tests: a node:http server on FC_SERVER_PORT. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpstreamRequest, UpstreamResponse } from '../../src/index.js';
import type { FunctionPool } from '../../src/index.js';

/**
 * The last path segment picks what it does: `sleep?ms=` answers after a while, `crash?ms=` exits the
 * process, `hang` never answers, `pid` answers at once. Every answer is `{ pid, instance }`.
 */
export const FAKE_BUNDLE = `'use strict';
const http = require('node:http');
console.log('booting ' + process.env.FC_INSTANCE_ID);
const delay = Number(process.env.FAKE_START_DELAY_MS || 0);
setTimeout(() => {
  http
    .createServer((req, res) => {
      const url = new URL(req.url, 'http://fake');
      const action = url.pathname.split('/').pop();
      const ms = Number(url.searchParams.get('ms') || 0);
      const reply = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ pid: process.pid, instance: process.env.FC_INSTANCE_ID, function: process.env.FC_FUNCTION_NAME }));
      };
      if (action === 'sleep') setTimeout(reply, ms);
      else if (action === 'crash') setTimeout(() => process.exit(3), ms);
      else if (action === 'hang') return;
      else reply();
    })
    .listen(Number(process.env.FC_SERVER_PORT), '127.0.0.1', () => console.error('listening'));
}, delay);
`;

export interface FakeApp {
  /** The app directory: `s.yaml` and `dist/index.js`. */
  dir: string;
  bundle: string;
  remove(): Promise<void>;
}

/** Writes the fake bundle as `<dir>/dist/index.js` (CommonJS, like the real bundles) and an s.yaml. */
export async function writeFakeApp(sYaml?: string): Promise<FakeApp> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-pool-'));
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'dist', 'package.json'), '{"type":"commonjs"}\n');
  await writeFile(join(dir, 'dist', 'index.js'), FAKE_BUNDLE);
  if (sYaml !== undefined) await writeFile(join(dir, 's.yaml'), sYaml);
  return { dir, bundle: join(dir, 'dist', 'index.js'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One GET straight through the pool, without a gateway. */
export function get(
  pool: FunctionPool,
  path: string,
  signal: AbortSignal = new AbortController().signal,
): Promise<UpstreamResponse> {
  const request: UpstreamRequest = { method: 'GET', path, headers: {}, body: Buffer.alloc(0), requestId: path, signal };
  return pool.forward(request);
}

/** The `{ pid, instance }` a fake instance answered. */
export function who(response: UpstreamResponse): { pid: number; instance: string } {
  return JSON.parse(response.body.toString('utf8')) as { pid: number; instance: string };
}

/** Polls until `predicate` holds, or fails after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a process is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
