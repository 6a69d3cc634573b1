/**
 * `pnpm logs` (dist/logs-cli.js, built before the tests) against a running gateway's log store:
 * filters, one request's lines, a refused flag value, and --follow.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devChannels, startGateway, type Gateway } from '@retail/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFetch } from '../src/index.js';
import { parseLogsArgs } from '../src/logs/options.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'logs-cli.js');
const run = promisify(execFile);
const channels = devChannels();
let gateway: Gateway;
let requestId: string;

beforeAll(async () => {
  // No function runs behind it: every call is a 503 access line of the gateway's own.
  gateway = await startGateway({ port: 0, channels, upstreams: {}, log: () => {} });
  const answer = await signedFetch(gateway.url, channels.wechat!, 'GET', '/members/mem_1');
  expect(answer.status).toBe(503);
  requestId = answer.headers.get('x-request-id')!;
  await signedFetch(gateway.url, channels.pos!, 'GET', '/stores?city=Shanghai');
});
afterAll(async () => {
  await gateway?.stop();
});

describe('pnpm logs', () => {
  it('maps its flags to the query of /_gateway/logs', () => {
    const options = parseLogsArgs(['--function', 'trading', '--status', '5xx', '--since', '10m', '--min-latency', '200'], {
      PORT: '9090',
    });
    expect(options.url).toBe('http://127.0.0.1:9090');
    expect(Object.fromEntries(options.params)).toEqual({
      function: 'trading',
      status: '5xx',
      since: '10m',
      minLatencyMs: '200',
      limit: '100',
    });
  });

  it('prints the lines that match, as JSON with --json', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      '--url',
      gateway.url,
      '--channel',
      'wechat',
      '--status',
      '5xx',
      '--json',
    ]);
    const lines = stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ source: 'gateway', requestId, status: 503, function: 'member', channel: 'wechat' }),
    ]);
  });

  it("prints one request's lines for a person with --request-id", async () => {
    const { stdout } = await run(process.execPath, [CLI, '--url', gateway.url, '--request-id', requestId]);
    expect(stdout).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT.*error gateway  member GET /members 503 [\\d.]+ms wechat ${requestId} request`, 'm'),
    );
  });

  it('names a flag value the platform refuses, and exits non-zero', async () => {
    const failed = await run(process.execPath, [CLI, '--url', gateway.url, '--status', '5x']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('status: status must be') });
  });

  it('keeps printing new lines with --follow', async () => {
    const child = spawn(process.execPath, [CLI, '--url', gateway.url, '--follow', '--json', '--channel', 'alipay']);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const deadline = Date.now() + 20_000;
      let id = '';
      while (!id || !out.includes(id)) {
        if (Date.now() > deadline) throw new Error(`--follow printed: ${out}`);
        if (!id) id = (await signedFetch(gateway.url, channels.alipay!, 'GET', '/orders/o1')).headers.get('x-request-id')!;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(
        out
          .trim()
          .split('\n')
          .map((text) => (JSON.parse(text) as { requestId: string }).requestId),
      ).toEqual([id]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
