/**
 * FC instance emulation end to end, with the real member bundle: scale-out under concurrent load,
 * scale-in after idle, and the kill of an instance under load. A storage gate holds the function's
 * GetRow calls, so that requests stay in flight on their instances for exactly as long as the test
 * needs; nothing here waits on a clock except for readiness.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alive, eventually } from '../instances/fake-bundle.js';
import { signedFetch } from '../support/harness.js';
import {
  scrape,
  seriesValue,
  startMemberGateway,
  startMemberStorage,
  type MemberGateway,
  type MemberStorage,
} from '../support/member-function.js';

/** Instances start in a few hundred ms; a loaded machine gets much longer. */
const READY_MS = 20_000;

let storage: MemberStorage;
let member: MemberGateway | undefined;
let phone = 13700000300;

beforeAll(async () => {
  storage = await startMemberStorage();
});
afterEach(async () => {
  storage.gate.release();
  await member?.stop();
  member = undefined;
});
afterAll(async () => {
  await storage?.stop();
});

async function register(url: string): Promise<string> {
  const response = await signedFetch(`${url}/members`, 'app', { method: 'POST', data: { phone: String(++phone), name: 'Load' } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function memberOf(response: Response): Promise<{ status: number; id: string | undefined }> {
  return { status: response.status, id: ((await response.json()) as { id?: string }).id };
}

describe('member instances behind the gateway', () => {
  it('scales out under concurrent load, one cold start per extra instance, and back in after idle', async () => {
    member = await startMemberGateway(storage, { provisioned: 1, instanceConcurrency: 1, maxInstances: 3, idleTimeoutMs: 500 });
    const { pool, gateway } = member;
    const id = await register(gateway.url);

    storage.gate.hold('GetRow');
    const calls = Array.from({ length: 6 }, () => signedFetch(`${gateway.url}/members/${id}`, 'wechat'));
    // Three instances each run one request at once; the other three wait in the pool's queue.
    await eventually(() => storage.gate.held() === 3 && pool.snapshot().queued === 3, READY_MS);
    expect(pool.instances()).toHaveLength(3);
    expect(pool.instances().filter((instance) => instance.provisioned)).toHaveLength(1);
    expect(new Set(pool.instances().map((instance) => instance.pid)).size).toBe(3);
    const during = await scrape(gateway);
    expect(seriesValue(during, 'retail_cold_starts_total{function="member"}')).toBe(2);
    expect(seriesValue(during, 'retail_instances{function="member",state="busy"}')).toBe(3);
    expect(seriesValue(during, 'retail_queue_depth{function="member"}')).toBe(3);
    expect(seriesValue(during, 'retail_instance_concurrency_in_use{function="member"}')).toBe(3);

    storage.gate.release();
    const answers = await Promise.all(calls.map(async (call) => memberOf(await call)));
    expect(answers).toEqual(Array(6).fill({ status: 200, id }));

    // Idle on-demand instances stop; the provisioned one stays and serves without a cold start.
    await eventually(() => pool.instances().length === 1, READY_MS);
    expect(pool.instances()[0]).toMatchObject({ provisioned: true, state: 'ready' });
    expect(await memberOf(await signedFetch(`${gateway.url}/members/${id}`, 'wechat'))).toEqual({ status: 200, id });
    const after = await scrape(gateway);
    expect(seriesValue(after, 'retail_instance_exits_total{function="member",reason="idle"}')).toBe(2);
    expect(seriesValue(after, 'retail_cold_starts_total{function="member"}')).toBe(2);
    expect(seriesValue(after, 'retail_instances{function="member",state="idle"}')).toBe(1);
    expect(seriesValue(after, 'retail_instances{function="member",state="starting"}')).toBe(0);
  });

  it('a killed instance fails its in-flight requests with a 502 problem; queued and later requests run on its replacement', async () => {
    member = await startMemberGateway(storage, { provisioned: 1, instanceConcurrency: 4, maxInstances: 1 });
    const { pool, gateway } = member;
    const id = await register(gateway.url);
    const victim = pool.instances()[0]!.pid!;

    storage.gate.hold('GetRow');
    const inFlight = Array.from({ length: 4 }, () => signedFetch(`${gateway.url}/members/${id}`, 'pos'));
    await eventually(() => storage.gate.held() === 4, READY_MS);
    const queued = Array.from({ length: 2 }, () => signedFetch(`${gateway.url}/members/${id}`, 'web'));
    await eventually(() => pool.snapshot().queued === 2, READY_MS);

    process.kill(victim, 'SIGKILL');
    for (const response of await Promise.all(inFlight)) {
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('x-ca-error-message')).toBe('Backend service connect failed');
      expect(response.headers.get('x-ca-error-code')).toBe('upstream-unreachable');
      expect(response.headers.get('x-ca-request-id')).toBeTruthy();
      expect(await response.json()).toMatchObject({ status: 502, code: 'upstream-unreachable' });
    }

    storage.gate.release();
    expect(await Promise.all(queued.map(async (call) => memberOf(await call)))).toEqual(Array(2).fill({ status: 200, id }));
    const next = await Promise.all(Array.from({ length: 8 }, () => signedFetch(`${gateway.url}/members/${id}`, 'pos')));
    expect(await Promise.all(next.map(memberOf))).toEqual(Array(8).fill({ status: 200, id }));

    const [replacement] = pool.instances();
    expect(pool.instances()).toHaveLength(1);
    expect(replacement).toMatchObject({ provisioned: true, state: 'ready' });
    expect(replacement!.pid).not.toBe(victim);
    expect(alive(victim)).toBe(false);
    expect(member.logs).toContainEqual(
      expect.objectContaining({ event: 'instance-exited', reason: 'crash', exit: 'signal SIGKILL' }),
    );
    const text = await scrape(gateway);
    expect(seriesValue(text, 'retail_instance_exits_total{function="member",reason="crash"}')).toBe(1);
    expect(seriesValue(text, 'retail_requests_total{function="member",route="/members",channel="pos",status="502"}')).toBe(4);
    expect(seriesValue(text, 'retail_requests_total{function="member",route="/members",channel="web",status="200"}')).toBe(2);
  });
});
