import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberFunctionTables } from '../src/app.js';

// The deployable artefact, run the way FC runs it: from a directory holding only the bundle.
const dist = join(import.meta.dirname, '..', 'dist');
let ots: OtsLocal;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, memberFunctionTables);
  client.close();
  dir = await mkdtemp(join(tmpdir(), 'member-bundle-'));
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

describe('the member bundle', () => {
  it('declares itself CommonJS and ships the zip FC deploys (index.js, its map, that declaration)', async () => {
    expect(JSON.parse(await readFile(join(dist, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const zip = await readFile(join(dist, 'member.zip'));
    for (const name of ['index.js', 'index.js.map', 'package.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('serves HTTP as a custom runtime (node index.js --serve) with JSON logs carrying the request id', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['index.js', '--serve'], { cwd: dir, env: { ...env, FC_SERVER_PORT: String(port) } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/members?phone=1`, child);
      const created = await fetch(`${base}/members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-retail-channel': 'pos', 'x-ca-request-id': 'bundle-req-1' },
        body: JSON.stringify({ phone: '13700000001', name: 'Bundle' }),
      });
      expect(created.status).toBe(201);
      const member = (await created.json()) as { id: string; registeredChannel: string };
      expect(member.registeredChannel).toBe('pos');
      const fetched = await fetch(`${base}/members/${member.id}`);
      expect(await fetched.json()).toMatchObject({ id: member.id, phone: '13700000001' });
      const bad = await fetch(`${base}/members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"phone":"1"}',
      });
      expect(((await bad.json()) as { code: string }).code).toBe('validation-failed');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.requestId === 'bundle-req-1')).toMatchObject({
      function: 'member',
      route: '/members',
      status: 201,
      channel: 'pos',
    });
  });

  it('answers an FC HTTP-trigger event through initialize and handler', async () => {
    const event = {
      version: 'v1',
      rawPath: '/members',
      body: JSON.stringify({ phone: '13700000002', name: 'Event' }),
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json', 'X-Retail-Channel': 'app' },
      queryParameters: {},
      requestContext: { requestId: '1-fc', http: { method: 'POST', path: '/members' } },
    };
    const script = `const fn = require('./index.js');
      fn.initialize({ requestId: 'init' })
        .then(() => fn.handler(Buffer.from(process.argv[1]), { requestId: '1-fc' }))
        .then((result) => { process.stdout.write('RESULT' + JSON.stringify(result) + '\\n'); process.exit(0); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(event)], { cwd: dir, env });
    const result = JSON.parse(
      stdout
        .split('\n')
        .find((line) => line.startsWith('RESULT'))!
        .slice(6),
    ) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body)).toMatchObject({ phone: '13700000002', registeredChannel: 'app' });
  });
});
