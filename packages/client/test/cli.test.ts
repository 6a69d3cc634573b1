/** The `retail` command (`pnpm retail`): usage, output and exit codes as tools/dev's CLI had them, signing with @retail/client. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import type { CliEnv } from '../src/env.js';
import { CHANNELS, DEV_CHANNELS_FILE, startPlatform, type Platform } from './support/platform.js';

const USAGE = `Usage: pnpm retail [--channel <wechat|alipay|app|pos|web|admin>] [--url <gateway>] <METHOD> <path> [json body]

Signs the request with the channel's dev keys (channels.dev.json) and prints the status, the
request id and the body. Default channel wechat, default gateway http://127.0.0.1:8080 (or PORT).
`;

const env: CliEnv = {
  port: undefined,
  url: undefined,
  channelsFile: undefined,
  channelsJson: undefined,
  appKey: undefined,
  appSecret: undefined,
  channel: undefined,
  script: 'retail',
};

async function run(args: string[], overrides: Partial<CliEnv> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { ...env, ...overrides },
  });
  return { code, stdout, stderr };
}

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

describe('retail CLI', () => {
  it('prints the usage: exit 2 without a call, 0 with --help', async () => {
    expect(await run(['--channels', DEV_CHANNELS_FILE])).toEqual({ code: 2, stdout: USAGE, stderr: '' });
    expect(await run(['--channels', DEV_CHANNELS_FILE, '--help'])).toMatchObject({ code: 0, stdout: USAGE });
  });

  it('makes a signed call and prints status, request id and the JSON body', async () => {
    const url = platform.gateway.url;
    const created = await run([
      '--channels',
      DEV_CHANNELS_FILE,
      '--channel',
      'pos',
      '--url',
      url,
      'post',
      '/members',
      '{"phone":"13500000001","name":"Cli"}',
    ]);
    expect(created.code).toBe(0);
    const [status, ...body] = created.stdout.split('\n');
    expect(status).toMatch(/^201 \(request id [0-9a-f-]{36}\)$/);
    expect(JSON.parse(body.join('\n'))).toMatchObject({ phone: '13500000001', registeredChannel: 'pos' });
    expect(created.stdout).toContain('\n  "phone": "13500000001",\n');

    const found = await run(['--url', url, 'GET', '/members?phone=13500000001'], { channelsFile: DEV_CHANNELS_FILE });
    expect(found.code).toBe(0);
    expect(found.stdout).toContain('"phone": "13500000001"');
  });

  it('exits 1 on a refusal and prints the problem', async () => {
    const missing = await run([
      '--channels',
      DEV_CHANNELS_FILE,
      '--url',
      platform.gateway.url,
      'GET',
      '/members?phone=13500000999',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^404 \(request id /);
    expect(missing.stdout).toContain('"code": "not-found"');
  });

  it('refuses an unknown channel (exit 2) and reports a call that cannot be made (exit 1)', async () => {
    expect(await run(['--channels', DEV_CHANNELS_FILE, '--channel', 'nope', 'GET', '/members'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "Unknown channel 'nope'. Channels: wechat, alipay, app, pos, web, admin\n",
    });
    const down = await run(['--channels', DEV_CHANNELS_FILE, 'GET', '/members'], { port: '9' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^The call failed: .* \(is pnpm dev running at http:\/\/127\.0\.0\.1:9\?\)\n$/);
  });

  it('takes one key pair from the environment instead of a channels file', async () => {
    const { appKey, appSecret } = CHANNELS.admin!;
    const result = await run(['--url', platform.gateway.url, 'GET', '/_gateway/channels'], { appKey, appSecret });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"channel": "wechat"');
  });

  it('runs as the package bin', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'retail.mjs');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, '--channels', DEV_CHANNELS_FILE, '--url', platform.gateway.url, 'GET', '/members?phone=13500000001'],
      { env: { PATH: process.env.PATH } },
    );
    expect(stdout).toMatch(/^200 \(request id /);
    expect(stdout).toContain('"name": "Cli"');
  });
});
