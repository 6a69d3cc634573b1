import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FunctionPool, poolFromSYaml, startGateway, type FunctionPoolOptions, type Gateway } from '../../src/index.js';
import { DEV, signedFetch } from '../support/harness.js';
import { alive, eventually, writeFakeApp, type FakeApp } from './fake-bundle.js';

// Instance faults through the gateway's admin routes, against real FC-style instance processes
// (the fake custom-runtime bundle): what a caller sees when its instance dies, and what comes next.
let app: FakeApp;
const running: Array<{ gateway: Gateway; pool: FunctionPool }> = [];

beforeAll(async () => {
  app = await writeFakeApp();
});
afterEach(async () => {
  for (const { gateway, pool } of running.splice(0)) {
    await gateway.stop();
    await pool.close();
  }
});
afterAll(async () => {
  await app.remove();
});

async function start(options: Partial<FunctionPoolOptions> = {}): Promise<{ gateway: Gateway; pool: FunctionPool }> {
  const pool = new FunctionPool({ name: 'member', bundle: app.bundle, timeoutMs: 20_000, ...options });
  await pool.start();
  const gateway = await startGateway({ port: 0, channels: DEV, upstreams: { member: pool }, log: () => {} });
  running.push({ gateway, pool });
  return { gateway, pool };
}

function admin(gateway: Gateway, method: string, path: string, data?: unknown): Promise<Response> {
  return signedFetch(`${gateway.url}${path}`, 'admin', {
    method,
    ...(data === undefined ? {} : { data: typeof data === 'string' ? data : (data as Record<string, unknown>) }),
  });
}

const pidOf = async (response: Response) => ((await response.json()) as { pid: number }).pid;

describe('killing instances on demand', () => {
  it('fails the killed instance’s in-flight request with the 502 problem, and the next request runs on a new instance', async () => {
    const { gateway, pool } = await start({ instanceConcurrency: 4, provisioned: 1, maxInstances: 2 });
    const before = await pidOf(await signedFetch(`${gateway.url}/members/pid`, 'pos'));
    const inFlight = signedFetch(`${gateway.url}/members/sleep?ms=60000`, 'pos');
    await eventually(() => pool.snapshot().inFlight === 1);

    const kill = await admin(gateway, 'POST', '/_gateway/functions/member/kill', { instances: 'one' });
    expect(kill.status).toBe(200);
    expect(await kill.json()).toEqual({ function: 'member', killed: ['member-1'] });

    const failed = await inFlight;
    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
    expect(await failed.json()).toMatchObject({ status: 502, code: 'upstream-unreachable' });
    await eventually(() => !alive(before));
    const after = await signedFetch(`${gateway.url}/members/pid`, 'pos');
    expect(after.status).toBe(200);
    expect(await pidOf(after)).not.toBe(before);
    expect(pool.instances()).toEqual([expect.objectContaining({ provisioned: true, state: 'ready' })]);
  });

  it('kills every instance of the function with { instances: "all" }', async () => {
    const { gateway, pool } = await start({ instanceConcurrency: 1, provisioned: 2, maxInstances: 2 });
    const pids = pool.instances().map((instance) => instance.pid!);
    const inFlight = [1, 2].map(() => signedFetch(`${gateway.url}/members/sleep?ms=60000`, 'pos'));
    await eventually(() => pool.snapshot().inFlight === 2);

    const kill = await admin(gateway, 'POST', '/_gateway/functions/member/kill', { instances: 'all' });
    expect(((await kill.json()) as { killed: string[] }).killed.sort()).toEqual(['member-1', 'member-2']);
    expect((await Promise.all(inFlight)).map((response) => response.status)).toEqual([502, 502]);
    await eventually(() => pids.every((pid) => !alive(pid)));
    const after = await signedFetch(`${gateway.url}/members/pid`, 'pos');
    expect(after.status).toBe(200);
    expect(pids).not.toContain(await pidOf(after));
  });
});

describe('killing instances with a probability per request', () => {
  it('makes every request die with its instance at probability 1, counts them, and stops after DELETE', async () => {
    const { gateway, pool } = await start({ instanceConcurrency: 4, provisioned: 1, maxInstances: 2 });
    const set = await admin(gateway, 'PUT', '/_gateway/functions/member/faults', {
      killProbability: 1,
      seed: 7,
      killWithinMs: 0,
    });
    expect(await set.json()).toMatchObject({ function: 'member', killProbability: 1, seed: 7, killWithinMs: 0 });

    // The answer was ready, but the instance died before it left: the caller sees the crash.
    for (let i = 0; i < 2; i++) {
      const doomed = await signedFetch(`${gateway.url}/members/pid`, 'pos');
      expect(doomed.status).toBe(502);
      expect(await doomed.json()).toMatchObject({ code: 'upstream-unreachable' });
    }
    const state = await (await admin(gateway, 'GET', '/_gateway/functions/member/faults')).json();
    expect(state).toMatchObject({ killProbability: 1, doomed: 2, killed: 2 });

    const cleared = await admin(gateway, 'DELETE', '/_gateway/functions/member/faults');
    expect(await cleared.json()).toMatchObject({ killProbability: 0, doomed: 2 });
    expect((await signedFetch(`${gateway.url}/members/pid`, 'pos')).status).toBe(200);
    expect(pool.instances().filter((instance) => instance.state === 'ready')).toHaveLength(1);
  });

  it('kills a seeded share of requests, the same share for the same seed', async () => {
    const { gateway } = await start({ instanceConcurrency: 1, provisioned: 1, maxInstances: 2 });
    const statuses = async (): Promise<number[]> => {
      await admin(gateway, 'PUT', '/_gateway/functions/member/faults', { killProbability: 0.5, seed: 42, killWithinMs: 0 });
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) seen.push((await signedFetch(`${gateway.url}/members/pid`, 'pos')).status);
      return seen;
    };
    const first = await statuses();
    expect(first).toContain(200);
    expect(first).toContain(502);
    expect(await statuses()).toEqual(first);
  });
});

describe('the instance-fault routes refuse', () => {
  it('other channels, unknown functions, functions without instances, and bad bodies, naming each bad field', async () => {
    const { gateway } = await start();
    const plain = await startGateway({
      port: 0,
      channels: DEV,
      upstreams: { member: 'http://127.0.0.1:9' },
      log: () => {},
    });
    try {
      const forbidden = await signedFetch(`${gateway.url}/_gateway/functions/member/kill`, 'pos', {
        method: 'POST',
        data: { instances: 'one' },
      });
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'unauthorized' });

      const unknown = await admin(gateway, 'POST', '/_gateway/functions/nothing/kill', { instances: 'one' });
      expect(unknown.status).toBe(404);
      const noInstances = await admin(plain, 'POST', '/_gateway/functions/member/kill', { instances: 'one' });
      expect(noInstances.status).toBe(404);
      expect(await noInstances.json()).toMatchObject({ code: 'not-found' });

      const badScope = await admin(gateway, 'POST', '/_gateway/functions/member/kill', { instances: 'some', extra: 1 });
      expect(badScope.status).toBe(400);
      expect(await badScope.json()).toMatchObject({
        code: 'validation-failed',
        errors: [
          { field: 'instances', messages: ["must be 'one' or 'all'"] },
          { field: 'extra', messages: ['property extra should not exist'] },
        ],
      });
      const badRule = await admin(gateway, 'PUT', '/_gateway/functions/member/faults', {
        killProbability: 2,
        seed: -1,
        killWithinMs: 1.5,
      });
      expect(((await badRule.json()) as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toEqual([
        'killProbability',
        'seed',
        'killWithinMs',
      ]);
      const notJson = await admin(gateway, 'PUT', '/_gateway/functions/member/faults', '{"killProbability":');
      expect(await notJson.json()).toMatchObject({ status: 400, code: 'invalid-json' });
      const wrongMethod = await admin(gateway, 'GET', '/_gateway/functions/member/kill');
      expect(wrongMethod.status).toBe(404);
      // Nothing was changed by any of them.
      expect(await (await admin(gateway, 'GET', '/_gateway/functions/member/faults')).json()).toMatchObject({
        killProbability: 0,
        killed: 0,
      });
    } finally {
      await plain.stop();
    }
  });
});

describe('the s.yaml timeout', () => {
  it('answers a request running past it with the 504 problem, and the next request runs on a new instance', async () => {
    await writeFile(
      join(app.dir, 's.yaml'),
      'resources:\n  member:\n    component: fc3\n    props:\n      timeout: 1\n      instanceConcurrency: 2\n      provisionConfig:\n        defaultTarget: 1\n',
    );
    const pool = await poolFromSYaml(app.dir, {}, { maxInstances: 2 });
    expect(pool.timeoutMs).toBe(1000);
    await pool.start();
    const gateway = await startGateway({ port: 0, channels: DEV, upstreams: { member: pool }, log: () => {} });
    running.push({ gateway, pool });
    const before = pool.instances()[0]!.pid!;

    const hung = await signedFetch(`${gateway.url}/members/hang`, 'pos');
    expect(hung.status).toBe(504);
    expect(hung.headers.get('content-type')).toContain('application/problem+json');
    expect(await hung.json()).toMatchObject({ status: 504, code: 'upstream-timeout' });
    await eventually(() => !alive(before));
    const after = await signedFetch(`${gateway.url}/members/pid`, 'pos');
    expect(after.status).toBe(200);
    expect(await pidOf(after)).not.toBe(before);
  });
});
