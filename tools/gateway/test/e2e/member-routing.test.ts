/**
 * The member function as channel apps meet it: its built bundle in FC-style instances behind the
 * gateway, called with the official `aliyun-api-gateway` client and with raw signed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, signedFetch } from '../support/harness.js';
import {
  scrape,
  seriesValue,
  startMemberGateway,
  startMemberStorage,
  type MemberGateway,
  type MemberStorage,
} from '../support/member-function.js';

interface Member {
  id: string;
  phone: string;
  name: string;
  registeredChannel: string;
  points: number;
}

let storage: MemberStorage;
let member: MemberGateway;
let url: string;

beforeAll(async () => {
  storage = await startMemberStorage();
  member = await startMemberGateway(storage, { provisioned: 1 });
  url = member.gateway.url;
});
afterAll(async () => {
  await member?.stop();
  await storage?.stop();
});

describe('the member function behind the gateway', () => {
  it('official client: registers, then reads by id and by phone from other channels', async () => {
    const created = (await clientFor('pos').post(`${url}/members`, {
      data: { phone: '13700000101', name: 'Li Lei' },
    })) as Member;
    expect(created).toMatchObject({ phone: '13700000101', name: 'Li Lei', registeredChannel: 'pos', points: 0 });
    expect(created.id).toMatch(/^mem_/);
    await expect(clientFor('wechat').get(`${url}/members/${created.id}`)).resolves.toEqual(created);
    await expect(clientFor('alipay').get(`${url}/members`, { query: { phone: '13700000101' } })).resolves.toEqual(created);
  });

  it('raw signed requests: PUT, and a points POST whose signed Idempotency-Key replays through the gateway', async () => {
    const created = await signedFetch(`${url}/members`, 'app', { method: 'POST', data: { phone: '13700000102', name: 'Han' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as Member;

    const renamed = await signedFetch(`${url}/members/${id}`, 'app', { method: 'PUT', data: { name: 'Han Meimei' } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id, name: 'Han Meimei' });

    const award = () =>
      signedFetch(`${url}/members/${id}/points`, 'app', {
        method: 'POST',
        data: { delta: 100, reason: 'welcome' },
        signHeaders: { 'idempotency-key': 'welcome-13700000102' },
      });
    const first = await award();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { balance: number; entryId: string };
    expect(body.balance).toBe(100);
    const again = await award(); // a new nonce, the same key: the function replays, nothing is awarded twice
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(body);
    expect(await (await signedFetch(`${url}/members/${id}`, 'web')).json()).toMatchObject({ points: 100 });
  });

  it("passes the function's own problems on, without X-Ca-Error-Code, under the gateway's request id", async () => {
    const unknown = await signedFetch(`${url}/members/mem_00000000000000000000000000`, 'wechat');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.headers.get('x-ca-error-code')).toBeNull();
    expect(unknown.headers.get('x-request-id')).toBe(unknown.headers.get('x-ca-request-id'));
    expect(await unknown.json()).toMatchObject({ status: 404, code: 'not-found' });

    const invalid = await signedFetch(`${url}/members`, 'wechat', { method: 'POST', data: { phone: '123', name: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-ca-error-code')).toBeNull();
    const problem = (await invalid.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors.map((error) => error.field)).toContain('phone');
  });

  it('a caller cannot pose as another channel: the function sees the channel that signed', async () => {
    const created = await signedFetch(`${url}/members`, 'web', {
      method: 'POST',
      data: { phone: '13700000103', name: 'Spoof' },
      headers: { 'X-Retail-Channel': 'admin' },
      signHeaders: { 'x-retail-channel': 'admin' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ registeredChannel: 'web' });
  });
});

describe('cold start through the gateway', () => {
  it('the first request to a function with no instance starts one and gets its 200', async () => {
    const id = ((await clientFor('pos').post(`${url}/members`, { data: { phone: '13700000104', name: 'Cold' } })) as Member).id;
    const cold = await startMemberGateway(storage, { provisioned: 0 });
    try {
      expect(cold.pool.instances()).toEqual([]);
      const health = (await (await fetch(`${cold.gateway.url}/_gateway/health`)).json()) as { functions: Record<string, string> };
      expect(health.functions.member).toBe('ready'); // none running, but one can start

      // The official client's own timeout is 3 s; a cold start on a busy machine may take longer.
      const answer = (await clientFor('app').get(`${cold.gateway.url}/members/${id}`, { timeout: 20_000 })) as Member;
      expect(answer).toMatchObject({ id, phone: '13700000104' });
      expect(cold.pool.instances()).toEqual([expect.objectContaining({ provisioned: false, state: 'ready', active: 0 })]);
      const text = await scrape(cold.gateway);
      expect(seriesValue(text, 'retail_cold_starts_total{function="member"}')).toBe(1);
      expect(seriesValue(text, 'retail_instances{function="member",state="idle"}')).toBe(1);
      expect(cold.logs).toContainEqual(expect.objectContaining({ event: 'instance-ready', startMs: expect.any(Number) }));

      // The instance is warm now: the next request needs no other.
      expect((await signedFetch(`${cold.gateway.url}/members/${id}`, 'app')).status).toBe(200);
      expect(seriesValue(await scrape(cold.gateway), 'retail_cold_starts_total{function="member"}')).toBe(1);
    } finally {
      await cold.stop();
    }
  });
});
