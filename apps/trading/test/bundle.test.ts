import { systemClock } from '@retail/core';
import { MemberService } from '@retail/member';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { StoreService } from '@retail/stores';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradingFunctionTables } from '../src/app.js';

// The deployable artefact, run the way FC runs it: from a directory holding only the bundle.
const dist = join(import.meta.dirname, '..', 'dist');
let ots: OtsLocal;
let dir: string;
let env: NodeJS.ProcessEnv;
let memberId: string;
let storeId: string;

beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, tradingFunctionTables);
  memberId = (
    await new MemberService({ client, clock: systemClock }).register({ phone: '13700000001', name: 'B', channel: 'app' })
  ).id;
  const stores = new StoreService({ client, clock: systemClock });
  storeId = (
    await stores.create({
      name: 'Bundle store',
      format: 'convenience',
      city: 'Shanghai',
      address: '1 Nanjing Road',
      location: { lat: 31.23, lng: 121.47 },
      opensAt: '00:00',
      closesAt: '23:59',
    })
  ).id;
  await stores.putInventory(storeId, 'cola', { name: 'Cola 330ml', price: 350, quantity: 100 });
  client.close();
  dir = await mkdtemp(join(tmpdir(), 'trading-bundle-'));
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

const expiryTimer = () => ({ triggerName: 'expiry', triggerTime: new Date().toISOString(), payload: '{"job":"expire-orders"}' });

describe('the trading bundle', () => {
  it('declares itself CommonJS and ships the zip FC deploys (index.js, its map, that declaration)', async () => {
    expect(JSON.parse(await readFile(join(dist, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    const zip = await readFile(join(dist, 'trading.zip'));
    for (const name of ['index.js', 'index.js.map', 'package.json']) expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('serves HTTP as a custom runtime, its OpenAPI document, and the expiry job on POST /invoke', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['index.js', '--serve'], { cwd: dir, env: { ...env, FC_SERVER_PORT: String(port) } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/orders/x`, child);
      const post = (path: string, body: unknown) =>
        fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-retail-channel': 'pos', 'x-ca-request-id': 'bundle-req-1' },
          body: JSON.stringify(body),
        });
      const created = await post('/orders', { memberId, storeId, items: [{ sku: 'cola', quantity: 2 }] });
      expect(created.status).toBe(201);
      const order = (await created.json()) as { id: string; total: number };
      expect(order.total).toBe(700);
      const paid = await post(`/orders/${order.id}/payment`, { paymentRef: 'pos-1', amount: 700 });
      expect(((await paid.json()) as { status: string }).status).toBe('paid');
      expect(await (await fetch(`${base}/orders/${order.id}`)).json()).toMatchObject({ status: 'paid', paymentRef: 'pos-1' });
      const bad = await post('/orders', { memberId, storeId, items: [{ sku: 'cola', quantity: 0 }] });
      expect(await bad.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'items[0].quantity' }] });
      const doc = (await (await fetch(`${base}/_runtime/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/orders', '/flash-sales/{id}/orders']));
      const invoked = await fetch(`${base}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(expiryTimer()),
      });
      expect(await invoked.json()).toMatchObject({ job: 'expire-orders', ok: true, result: { ordersExamined: 0 } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.requestId === 'bundle-req-1' && line.status === 201)).toMatchObject({
      function: 'trading',
      route: '/orders',
      channel: 'pos',
    });
  });

  it('answers an FC HTTP-trigger event and an FC timer event through initialize and handler', async () => {
    const event = {
      version: 'v1',
      rawPath: '/orders',
      body: JSON.stringify({ memberId, storeId, items: [{ sku: 'cola', quantity: 1 }] }),
      isBase64Encoded: false,
      headers: { 'Content-Type': 'application/json', 'X-Retail-Channel': 'app' },
      queryParameters: {},
      requestContext: { requestId: '1-fc', http: { method: 'POST', path: '/orders' } },
    };
    const script = `const fn = require('./index.js');
      const [http, timer] = JSON.parse(process.argv[1]);
      fn.initialize({ requestId: 'init' })
        .then(() => fn.handler(Buffer.from(JSON.stringify(http)), { requestId: '1-fc' }))
        .then((created) => fn.handler(Buffer.from(JSON.stringify(timer)), { requestId: '2-fc' }).then((expiry) => ({ created, expiry })))
        .then((result) => { process.stdout.write('RESULT' + JSON.stringify(result) + '\\n'); process.exit(0); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify([event, expiryTimer()])], {
      cwd: dir,
      env,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT'));
    const result = JSON.parse(line?.slice(6) ?? 'null') as {
      created: { statusCode: number; body: string; headers: Record<string, string> };
      expiry: { job: string; ok: boolean };
    };
    expect(result.created.statusCode).toBe(201);
    const order = JSON.parse(result.created.body) as { id: string; status: string };
    expect(order).toMatchObject({ memberId, storeId, status: 'pending-payment', total: 350 });
    expect(result.expiry).toMatchObject({ job: 'expire-orders', ok: true });
  });
});
