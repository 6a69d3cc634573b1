import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FunctionPool,
  MetricsRegistry,
  startGateway,
  UpstreamUnavailableError,
  type FunctionPoolOptions,
} from '../../src/index.js';
import { DEV, signedFetch } from '../support/harness.js';
import { alive, eventually, get, who, writeFakeApp, type FakeApp } from './fake-bundle.js';

let app: FakeApp;
const pools: FunctionPool[] = [];

beforeAll(async () => {
  app = await writeFakeApp();
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

afterAll(async () => {
  await app.remove();
});

function pool(options: Partial<FunctionPoolOptions> = {}): FunctionPool {
  const created = new FunctionPool({ name: 'member', bundle: app.bundle, idleTimeoutMs: 10_000, timeoutMs: 5000, ...options });
  pools.push(created);
  return created;
}

describe('FunctionPool', () => {
  it('runs at most instanceConcurrency requests on an instance; the next one waits for a slot and completes', async () => {
    const fn = pool({ instanceConcurrency: 2, maxInstances: 1 });
    const started = Date.now();
    const answers = await Promise.all([get(fn, '/sleep?ms=300'), get(fn, '/sleep?ms=300'), get(fn, '/sleep?ms=300')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((answer) => who(answer).pid)).size).toBe(1);
    // Two ran together, the third only after one of them: about two sleeps, not one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(580);
    expect(fn.metrics.render()).toContain('retail_queued_requests_total{function="member"} 3');
    expect(fn.snapshot()).toMatchObject({ queued: 0, inFlight: 0, idle: 1, busy: 0 });
  });

  it('scales out when every instance is busy: one cold start per instance, each request on its own process', async () => {
    const fn = pool({ instanceConcurrency: 1, maxInstances: 3 });
    const answers = await Promise.all([get(fn, '/sleep?ms=300'), get(fn, '/sleep?ms=300'), get(fn, '/sleep?ms=300')]);
    expect(new Set(answers.map((answer) => who(answer).pid)).size).toBe(3);
    expect(fn.metrics.render()).toContain('retail_cold_starts_total{function="member"} 3');
    expect(fn.instances()).toHaveLength(3);
    // A fourth request while the three are idle needs no new instance.
    await get(fn, '/pid');
    expect(fn.metrics.render()).toContain('retail_cold_starts_total{function="member"} 3');
  });

  it('starts provisioned instances warm at start() and keeps them; idle on-demand ones are stopped', async () => {
    const fn = pool({ instanceConcurrency: 1, provisioned: 2, maxInstances: 3, idleTimeoutMs: 300 });
    await fn.start();
    expect(fn.instances().map((instance) => [instance.state, instance.provisioned])).toEqual([
      ['ready', true],
      ['ready', true],
    ]);
    const answers = await Promise.all([get(fn, '/sleep?ms=200'), get(fn, '/sleep?ms=200'), get(fn, '/sleep?ms=200')]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    // Two requests landed on warm instances: only the third caused a cold start.
    expect(fn.metrics.render()).toContain('retail_cold_starts_total{function="member"} 1');
    expect(fn.instances()).toHaveLength(3);
    const onDemand = fn.instances().find((instance) => !instance.provisioned)!;
    expect(onDemand.pid).toBeDefined();
    await eventually(() => fn.instances().length === 2);
    expect(fn.instances().every((instance) => instance.provisioned)).toBe(true);
    await eventually(() => !alive(onDemand.pid!));
    expect(fn.metrics.render()).toContain('retail_instance_exits_total{function="member",reason="idle"} 1');
  });

  it('fails the requests of a crashed instance at once (502) and serves the next one on a new instance', async () => {
    const fn = pool({ instanceConcurrency: 2, provisioned: 1, maxInstances: 1 });
    await fn.start();
    const first = who(await get(fn, '/pid'));
    const started = Date.now();
    const results = await Promise.allSettled([get(fn, '/sleep?ms=10000'), get(fn, '/crash?ms=100')]);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(UpstreamUnavailableError);
    }
    const next = who(await get(fn, '/pid'));
    expect(next.pid).not.toBe(first.pid);
    expect(alive(first.pid)).toBe(false);
    expect(fn.metrics.render()).toContain('retail_instance_exits_total{function="member",reason="crash"} 1');
  });

  it('queues while the only instance restarts after a crash, and the queued request completes', async () => {
    const fn = pool({ instanceConcurrency: 1, maxInstances: 1 });
    const crashed = get(fn, '/crash?ms=100');
    const queued = get(fn, '/pid');
    await expect(crashed).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect((await queued).status).toBe(200);
  });

  it('fails waiting requests when no instance can start, and reports not ready when the bundle is missing', async () => {
    const broken = pool({ bundle: `${app.dir}/missing/index.js`, startTimeoutMs: 2000 });
    await expect(get(broken, '/pid')).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(await broken.check()).toBe(false);
    const fine = pool();
    expect(await fine.check()).toBe(true);
    await fine.close();
    expect(await fine.check()).toBe(false);
  });

  it('passes instance output to the log callback, line by line, tagged with function and instance', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const fn = pool({ log: (line) => lines.push(line) });
    await get(fn, '/pid');
    await eventually(() => lines.some((line) => line.line === 'listening'));
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: 'instance-output',
        function: 'member',
        instance: 'member-1',
        stream: 'stdout',
        line: 'booting member-1',
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ event: 'instance-ready', function: 'member', instance: 'member-1' }));
  });

  it('close() stops every instance', async () => {
    const fn = pool({ provisioned: 2 });
    await fn.start();
    const pids = fn.instances().map((instance) => instance.pid!);
    await fn.close();
    expect(pids.filter(alive)).toEqual([]);
    expect(fn.instances()).toEqual([]);
  });
});

describe('FunctionPool behind the gateway', () => {
  async function gatewayWith(options: Partial<FunctionPoolOptions>) {
    const metrics = new MetricsRegistry();
    const fn = pool({ metrics, ...options });
    await fn.start();
    const gateway = await startGateway({ port: 0, channels: DEV, upstreams: { member: fn }, metrics, log: () => {} });
    return { fn, gateway };
  }

  it('answers a crash with a 502 problem and a timeout with a 504 problem, replacing the instance', async () => {
    const { fn, gateway } = await gatewayWith({ instanceConcurrency: 4, provisioned: 1, maxInstances: 2, timeoutMs: 500 });
    try {
      const ok = await signedFetch(`${gateway.url}/members/pid`, 'pos');
      expect(ok.status).toBe(200);
      const firstPid = ((await ok.json()) as { pid: number }).pid;

      const crashed = await signedFetch(`${gateway.url}/members/crash?ms=50`, 'pos');
      expect(crashed.status).toBe(502);
      expect(crashed.headers.get('content-type')).toContain('application/problem+json');
      expect(await crashed.json()).toMatchObject({ status: 502, code: 'upstream-unreachable' });
      const secondPid = ((await (await signedFetch(`${gateway.url}/members/pid`, 'pos')).json()) as { pid: number }).pid;
      expect(secondPid).not.toBe(firstPid);

      const started = Date.now();
      const hung = await signedFetch(`${gateway.url}/members/hang`, 'pos');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(hung.status).toBe(504);
      expect(hung.headers.get('content-type')).toContain('application/problem+json');
      expect(await hung.json()).toMatchObject({ status: 504, code: 'upstream-timeout' });
      await eventually(() => !alive(secondPid));
      const after = await signedFetch(`${gateway.url}/members/pid`, 'pos');
      expect(after.status).toBe(200);
      expect(((await after.json()) as { pid: number }).pid).not.toBe(secondPid);

      // The replacements were the provisioned instance's successors: no on-demand instance was needed.
      await eventually(() => fn.instances().length === 1);
      expect(fn.instances()[0]).toMatchObject({ provisioned: true, state: 'ready' });

      const health = (await (await fetch(`${gateway.url}/_gateway/health`)).json()) as { functions: Record<string, string> };
      expect(health.functions.member).toBe('ready');

      const text = await (await fetch(`${gateway.url}/_gateway/metrics`)).text();
      expect(text).toMatch(/retail_instances\{function="member",state="idle"\} 1/);
      expect(text).toContain('retail_instances{function="member",state="busy"} 0');
      expect(text).toContain('retail_instances{function="member",state="starting"} 0');
      expect(text).toContain('# TYPE retail_cold_starts_total counter');
      expect(text).toContain('retail_queue_depth{function="member"} 0');
      expect(text).toContain('retail_instance_concurrency_in_use{function="member"} 0');
      expect(text).toContain('retail_instance_exits_total{function="member",reason="crash"} 1');
      expect(text).toContain('retail_instance_exits_total{function="member",reason="timeout"} 1');
    } finally {
      await gateway.stop();
    }
  });

  it('shows busy instances, queue depth and concurrency in use while requests run', async () => {
    const { fn, gateway } = await gatewayWith({ instanceConcurrency: 2, provisioned: 1, maxInstances: 1 });
    try {
      const running = [1, 2, 3].map(() => signedFetch(`${gateway.url}/members/sleep?ms=600`, 'pos'));
      await eventually(() => fn.snapshot().queued === 1);
      const text = await (await fetch(`${gateway.url}/_gateway/metrics`)).text();
      expect(text).toContain('retail_instances{function="member",state="busy"} 1');
      expect(text).toContain('retail_queue_depth{function="member"} 1');
      expect(text).toContain('retail_instance_concurrency_in_use{function="member"} 2');
      expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200, 200]);
    } finally {
      await gateway.stop();
    }
  });
});
