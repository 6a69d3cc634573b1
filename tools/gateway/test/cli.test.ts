/** The CLI contract: one `listening` JSON line on stdout, JSON logs on stderr, dev secrets refused in production. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcho, type EchoServer } from './support/echo.js';
import { ensureBuilt, runCli, waitFor } from './support/cli.js';
import { clientFor } from './support/harness.js';

let echo: EchoServer;

beforeAll(async () => {
  ensureBuilt();
  echo = await startEcho('member');
}, 120_000);
afterAll(async () => {
  await echo?.stop();
});

describe('gateway CLI', () => {
  it('listens, proxies with the dev channel apps, logs JSON, and exits on SIGTERM', async () => {
    const cli = runCli(['--port', '0', '--upstream', `member=${echo.url}`]);
    try {
      await waitFor(() => cli.stdout.length > 0);
      const listening = JSON.parse(cli.stdout[0]!) as { event: string; url: string };
      expect(listening.event).toBe('listening');
      expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(clientFor('wechat').get(`${listening.url}/members/m1`)).resolves.toMatchObject({ function: 'member' });
      const health = (await (await fetch(`${listening.url}/_gateway/health`)).json()) as { functions: Record<string, string> };
      expect(health.functions).toEqual({ member: 'ready', stores: 'down', coupons: 'down', trading: 'down' });
    } finally {
      cli.proc.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
    expect(cli.stdout).toHaveLength(1);
    for (const line of cli.stderr) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(cli.stderr.some((line) => line.includes('"event":"request"'))).toBe(true);
  });

  it('refuses to start with the dev secrets when NODE_ENV=production', async () => {
    const cli = runCli(['--port', '0'], { NODE_ENV: 'production' });
    expect(await cli.exited).toBe(1);
    expect(cli.stdout).toHaveLength(0);
    const fatal = JSON.parse(cli.stderr.at(-1)!) as { level: string; error: string };
    expect(fatal.level).toBe('fatal');
    expect(fatal.error).toMatch(/NODE_ENV=production .* dev secrets/);
  });

  it('reports invalid channel apps from GATEWAY_CHANNELS_JSON clearly', async () => {
    const cli = runCli(['--port', '0'], {
      GATEWAY_CHANNELS_JSON: '{"pos":{"appKey":"k","appSecret":"short","rps":0,"burst":1}}',
    });
    expect(await cli.exited).toBe(1);
    const fatal = JSON.parse(cli.stderr.at(-1)!) as { error: string };
    expect(fatal.error).toContain('GATEWAY_CHANNELS_JSON: invalid channel apps: pos.appSecret');
    expect(fatal.error).toContain('pos.rps: must be an integer');
  });
});
