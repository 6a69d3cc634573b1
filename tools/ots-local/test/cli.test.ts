/** The CLI contract (local only): one `listening` JSON line on stdout, JSON logs on stderr. */
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CLI_KEYS, ensureBuilt, kill9, startCli } from './support/cli.js';
import { isReal, makeClient } from './support/target.js';

describe.skipIf(isReal)('ots-local CLI', () => {
  beforeAll(() => {
    ensureBuilt();
  }, 180_000);

  it('--memory: prints one listening line, serves the SDK with the keys from the environment, logs JSON to stderr', async () => {
    const server = await startCli(['--memory']);
    onTestFinished(async () => {
      if (server.proc.exitCode === null && server.proc.signalCode === null) await kill9(server);
    });
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.instanceName).toBe(process.env.OTS_INSTANCE ?? 'retail-dev');

    const client = makeClient({ endpoint: server.endpoint, instanceName: server.instanceName, ...CLI_KEYS });
    await expect(client.listTable({})).resolves.toBeDefined();
    const wrong = makeClient({
      endpoint: server.endpoint,
      instanceName: server.instanceName,
      accessKeyId: 'dev-access-key-id',
      accessKeySecret: 'dev-access-key-secret',
    });
    await expect(wrong.listTable({})).rejects.toMatchObject({ code: 403 });

    expect(server.stdout, 'stdout carries exactly the listening line').toHaveLength(1);
    expect(JSON.parse(server.stdout[0]!)).toEqual({
      event: 'listening',
      endpoint: server.endpoint,
      instanceName: server.instanceName,
    });
    for (const line of server.stderr) expect(() => JSON.parse(line) as unknown, `stderr line is JSON: ${line}`).not.toThrow();
  });

  it('exits promptly on SIGTERM', async () => {
    const server = await startCli(['--memory']);
    onTestFinished(async () => {
      if (server.proc.exitCode === null && server.proc.signalCode === null) await kill9(server);
    });
    server.proc.kill('SIGTERM');
    const exit = await Promise.race([server.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    expect(exit, 'CLI still running 5 s after SIGTERM').not.toBe('timeout');
  });
});
