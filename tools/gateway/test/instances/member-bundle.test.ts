/**
 * The real member function behind the pool and the gateway: its built bundle, configured from its
 * s.yaml, against ots-local. Turbo builds the bundle before the tests; a missing one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedFetch } from '../support/harness.js';
import {
  scrape,
  startMemberGateway,
  startMemberStorage,
  type MemberGateway,
  type MemberStorage,
} from '../support/member-function.js';

describe('the member bundle behind a FunctionPool', () => {
  let storage: MemberStorage;
  let member: MemberGateway;

  beforeAll(async () => {
    storage = await startMemberStorage();
    member = await startMemberGateway(storage, { provisioned: 1 });
  });

  afterAll(async () => {
    await member?.stop();
    await storage?.stop();
  });

  it('registers and reads a member through the gateway, on the warm instance', async () => {
    const { pool, gateway } = member;
    expect(pool).toMatchObject({ instanceConcurrency: 50, timeoutMs: 10_000, provisioned: 1 });
    const created = await signedFetch(`${gateway.url}/members`, 'pos', {
      method: 'POST',
      data: { phone: '13700000009', name: 'Pool' },
    });
    expect(created.status).toBe(201);
    const registered = (await created.json()) as { id: string; registeredChannel: string };
    expect(registered.registeredChannel).toBe('pos');
    const fetched = await signedFetch(`${gateway.url}/members/${registered.id}`, 'pos');
    expect(await fetched.json()).toMatchObject({ id: registered.id, phone: '13700000009' });
    const metrics = await scrape(gateway);
    expect(metrics).toContain('retail_instances{function="member",state="idle"} 1');
    expect(metrics).not.toContain('retail_cold_starts_total{function="member"}');
  });
});
