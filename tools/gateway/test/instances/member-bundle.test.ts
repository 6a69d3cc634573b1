/**
 * The real member function behind the pool and the gateway: its built bundle, configured from its
 * s.yaml, against ots-local. Skipped unless the bundle and the packages it needs are built.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRegistry, poolFromSYaml, startGateway, type FunctionPool, type Gateway } from '../../src/index.js';
import { DEV, signedFetch } from '../support/harness.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const memberApp = join(root, 'apps', 'member');
const built = [
  join(memberApp, 'dist', 'index.js'),
  join(root, 'tools', 'ots-local', 'dist', 'index.js'),
  join(root, 'packages', 'tablestore', 'dist', 'index.js'),
  join(root, 'packages', 'member', 'dist', 'index.js'),
  join(root, 'packages', 'runtime', 'dist', 'index.js'),
].every((file) => existsSync(file));

describe.skipIf(!built)('the member bundle behind a FunctionPool', () => {
  let stopOts: () => Promise<void>;
  let pool: FunctionPool;
  let gateway: Gateway;

  beforeAll(async () => {
    const { startOtsLocal } = await import('@retail/ots-local');
    const { createTablestoreClient, ensureTables } = await import('@retail/tablestore');
    const { memberTables } = await import('@retail/member');
    const { idempotencyTable } = await import('@retail/runtime');
    const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
    stopOts = () => ots.stop();
    const client = createTablestoreClient({
      endpoint: ots.endpoint,
      instanceName: ots.instanceName,
      accessKeyId: ots.accessKeyId,
      accessKeySecret: ots.accessKeySecret,
    });
    await ensureTables(client, [...memberTables, idempotencyTable]);
    client.close();
    const metrics = new MetricsRegistry();
    pool = await poolFromSYaml(
      memberApp,
      {
        NODE_ENV: 'development',
        OTS_ENDPOINT: ots.endpoint,
        OTS_INSTANCE: ots.instanceName,
        OTS_ACCESS_KEY_ID: ots.accessKeyId,
        OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
      },
      { provisioned: 1, metrics },
    );
    await pool.start();
    gateway = await startGateway({ port: 0, channels: DEV, upstreams: { member: pool }, metrics, log: () => {} });
  });

  afterAll(async () => {
    await gateway?.stop();
    await pool?.close();
    await stopOts?.();
  });

  it('registers and reads a member through the gateway, on the warm instance', async () => {
    expect(pool).toMatchObject({ instanceConcurrency: 50, timeoutMs: 10_000, provisioned: 1 });
    const created = await signedFetch(`${gateway.url}/members`, 'pos', {
      method: 'POST',
      data: { phone: '13700000009', name: 'Pool' },
    });
    expect(created.status).toBe(201);
    const member = (await created.json()) as { id: string; registeredChannel: string };
    expect(member.registeredChannel).toBe('pos');
    const fetched = await signedFetch(`${gateway.url}/members/${member.id}`, 'pos');
    expect(await fetched.json()).toMatchObject({ id: member.id, phone: '13700000009' });
    const metrics = await (await fetch(`${gateway.url}/_gateway/metrics`)).text();
    expect(metrics).toContain('retail_instances{function="member",state="idle"} 1');
    expect(metrics).not.toContain('retail_cold_starts_total{function="member"}');
  });
});
