import { systemClock } from '@retail/core';
import { MemberService, memberTables } from '@retail/member';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couponsFunctionTables } from '../src/app.js';

// The deployable artefact, run the way FC runs it: from a directory holding only the bundle.
const dist = join(import.meta.dirname, '..', 'dist');
let ots: OtsLocal;
let dir: string;
let env: NodeJS.ProcessEnv;
let memberId: string;

beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, [...couponsFunctionTables, ...memberTables]);
  memberId = (
    await new MemberService({ client, clock: systemClock }).register({ phone: '13700000001', name: 'B', channel: 'app' })
  ).id;
  client.close();
  dir = await mkdtemp(join(tmpdir(), 'coupons-bundle-'));
  await copyFile(join(dist, 'index.js'), join(dir, 'index.js'));
  env = {
    PATH: process.env.PATH,
    OTS_ENDPOINT: ots.endpoint,
    OTS_INSTANCE: ots.instanceName,
    OTS_ACCESS_KEY_ID: ots.accessKeyId,
    OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
    FUNCTION_TIMEOUT_SECONDS: '10',
  };
});

afterAll(async () => {
  await ots.stop();
  await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the bundle exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error('the bundle did not start listening');
}

const hour = 3_600_000;
const campaignBody = () => ({
  name: 'Bundle',
  kind: 'amount-off',
  value: 100,
  minSpend: 0,
  total: 10,
  perMemberLimit: 1,
  startsAt: new Date(Date.now() - hour).toISOString(),
  endsAt: new Date(Date.now() + hour).toISOString(),
});

/** Runs a script against the bundle's exports in a fresh process; returns what it printed after RESULT. */
async function runExports(script: string, arg: unknown): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(arg)], { cwd: dir, env });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT'));
  if (!line) throw new Error(`no result in: ${stdout}`);
  return JSON.parse(line.slice(6)) as Record<string, unknown>;
}

describe('the coupons bundle', () => {
  it('declares itself CommonJS and ships the zip FC deploys (index.js, its map, that declaration)', async () => {
    expect(JSON.parse(await readFile(join(dist, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const zip = await readFile(join(dist, 'coupons.zip'));
    for (const name of ['index.js', 'index.js.map', 'package.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('serves HTTP and its OpenAPI document as a custom runtime, and runs the sweep job on POST /invoke', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['index.js', '--serve'], { cwd: dir, env: { ...env, FC_SERVER_PORT: String(port) } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/coupons/x`, child);
      const post = (path: string, body: unknown) =>
        fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-retail-channel': 'admin', 'x-ca-request-id': 'bundle-req-1' },
          body: JSON.stringify(body),
        });
      const created = await post('/coupon-campaigns', campaignBody());
      expect(created.status).toBe(201);
      const campaign = (await created.json()) as { id: string };
      const claimed = await post(`/coupon-campaigns/${campaign.id}/claims`, { memberId });
      expect(claimed.status).toBe(201);
      const coupon = (await claimed.json()) as { id: string };
      expect(await (await fetch(`${base}/coupons/${coupon.id}`)).json()).toMatchObject({ status: 'available', memberId });
      const openapi = (await (await fetch(`${base}/_runtime/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toContain('/coupon-campaigns/{id}/claims');
      const invoked = await fetch(`${base}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ triggerName: 'sweep', triggerTime: new Date().toISOString(), payload: '{"job":"sweep-claims"}' }),
      });
      expect(invoked.status).toBe(200);
      expect(await invoked.json()).toMatchObject({ job: 'sweep-claims', ok: true, result: { campaigns: 1, failed: 0 } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.requestId === 'bundle-req-1' && line.status === 201)).toMatchObject({
      function: 'coupons',
      channel: 'admin',
    });
  });

  it('answers an FC HTTP-trigger event and an FC timer event through initialize and handler', async () => {
    const event = {
      version: 'v1',
      rawPath: '/coupon-campaigns',
      body: JSON.stringify(campaignBody()),
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json', 'X-Retail-Channel': 'admin' },
      queryParameters: {},
      requestContext: { requestId: '1-fc', http: { method: 'POST', path: '/coupon-campaigns' } },
    };
    const timer = { triggerName: 'sweep', triggerTime: new Date().toISOString(), payload: '{"job":"sweep-claims"}' };
    const script = `const fn = require('./index.js');
      const [http, timer] = JSON.parse(process.argv[1]);
      fn.initialize({ requestId: 'init' })
        .then(() => fn.handler(Buffer.from(JSON.stringify(http)), { requestId: '1-fc' }))
        .then((created) => fn.handler(Buffer.from(JSON.stringify(timer)), { requestId: '2-fc' }).then((swept) => ({ created, swept })))
        .then((result) => { process.stdout.write('RESULT' + JSON.stringify(result) + '\\n'); process.exit(0); });`;
    const result = (await runExports(script, [event, timer])) as {
      created: { statusCode: number; body: string };
      swept: { ok: boolean; result: { campaigns: number } };
    };
    expect(result.created.statusCode).toBe(201);
    expect(JSON.parse(result.created.body)).toMatchObject({ name: 'Bundle', remaining: 10 });
    expect(result.swept).toMatchObject({ job: 'sweep-claims', ok: true, result: { failed: 0 } });
    expect(result.swept.result.campaigns).toBeGreaterThanOrEqual(1);
  });
});
