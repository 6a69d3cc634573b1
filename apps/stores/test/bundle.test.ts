import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storesFunctionTables } from '../src/app.js';

// The deployable artefact, run the way FC runs it: from a directory holding only the bundle.
const dist = join(import.meta.dirname, '..', 'dist');
let ots: OtsLocal;
let dir: string;
let env: NodeJS.ProcessEnv;
const STORE = {
  name: 'Bundle',
  format: 'unattended',
  city: '上海',
  address: '人民广场',
  location: { lat: 31.2304, lng: 121.4737 },
  opensAt: '00:00',
  closesAt: '23:59',
};

beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, storesFunctionTables);
  client.close();
  dir = await mkdtemp(join(tmpdir(), 'stores-bundle-'));
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

describe('the stores bundle', () => {
  it('declares itself CommonJS and ships the zip FC deploys (index.js, its map, that declaration)', async () => {
    expect(JSON.parse(await readFile(join(dist, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const zip = await readFile(join(dist, 'stores.zip'));
    for (const name of ['index.js', 'index.js.map', 'package.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('serves HTTP as a custom runtime (node index.js --serve) with JSON logs carrying the request id', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['index.js', '--serve'], { cwd: dir, env: { ...env, FC_SERVER_PORT: String(port) } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/stores/nope`, child);
      const created = await fetch(`${base}/stores`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-retail-channel': 'admin', 'x-ca-request-id': 'bundle-req-1' },
        body: JSON.stringify(STORE),
      });
      expect(created.status).toBe(201);
      const store = (await created.json()) as { id: string };
      const fetched = await fetch(`${base}/stores/${store.id}`);
      expect(await fetched.json()).toMatchObject({ id: store.id, ...STORE });
      const nearby = await fetch(`${base}/stores?near=31.23,121.47&radiusKm=1`);
      expect(((await nearby.json()) as { items: { id: string; distanceKm: number }[] }).items[0]).toMatchObject({ id: store.id });
      const bad = await fetch(`${base}/stores?near=91,0`);
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
      function: 'stores',
      route: '/stores',
      status: 201,
      channel: 'admin',
    });
  });

  it('answers an FC HTTP-trigger event through initialize and handler', async () => {
    const event = {
      version: 'v1',
      rawPath: '/stores',
      body: JSON.stringify({ ...STORE, name: 'Event' }),
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json', 'X-Retail-Channel': 'admin' },
      queryParameters: {},
      requestContext: { requestId: '1-fc', http: { method: 'POST', path: '/stores' } },
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
    expect(JSON.parse(result.body)).toMatchObject({ ...STORE, name: 'Event' });
  });
});
