/**
 * The real member function behind the gateway: its built bundle (`apps/member/dist`, which turbo
 * builds before this package's tests) in a FunctionPool configured from its s.yaml, against
 * ots-local through a {@link StorageGate}.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { memberTables } from '@retail/member';
import { startOtsLocal } from '@retail/ots-local';
import { idempotencyTable } from '@retail/runtime';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import {
  MetricsRegistry,
  poolFromSYaml,
  startGateway,
  type FunctionPool,
  type FunctionPoolOverrides,
  type Gateway,
  type GatewayOptions,
} from '../../src/index.js';
import { DEV } from './harness.js';
import { startStorageGate, type StorageGate } from './storage-gate.js';

export const MEMBER_APP = join(import.meta.dirname, '..', '..', '..', '..', 'apps', 'member');
const BUNDLE = join(MEMBER_APP, 'dist', 'index.js');

/** ots-local with the member function's tables, behind a gate. */
export interface MemberStorage {
  gate: StorageGate;
  /** The instances' environment: the gate as endpoint, the dev keys. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts ots-local in memory, creates the member tables and the idempotency table, and a gate in front. */
export async function startMemberStorage(): Promise<MemberStorage> {
  if (!existsSync(BUNDLE)) {
    // Not a skip: these tests are the proof that the gateway runs a real function.
    throw new Error(`${BUNDLE} is missing: build it (pnpm turbo run build --filter=@retail/app-member) or run the test task`);
  }
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, [...memberTables, idempotencyTable]);
  client.close();
  const gate = await startStorageGate(ots.endpoint);
  return {
    gate,
    env: {
      NODE_ENV: 'development',
      OTS_ENDPOINT: gate.endpoint,
      OTS_INSTANCE: ots.instanceName,
      OTS_ACCESS_KEY_ID: ots.accessKeyId,
      OTS_ACCESS_KEY_SECRET: ots.accessKeySecret,
    },
    async stop() {
      await gate.stop();
      await ots.stop();
    },
  };
}

/** A gateway in front of a member pool. */
export interface MemberGateway {
  pool: FunctionPool;
  gateway: Gateway;
  metrics: MetricsRegistry;
  /** The pool's log lines (instance events and output). */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * A pool of the member bundle with its s.yaml settings changed by `overrides`, started (its
 * provisioned instances warm), and the gateway with the dev channel apps in front of it.
 *
 * @example
 * const member = await startMemberGateway(storage, { provisioned: 0 });
 * await signedFetch(`${member.gateway.url}/members/${id}`, 'pos');
 */
export async function startMemberGateway(
  storage: MemberStorage,
  overrides: FunctionPoolOverrides = {},
  options: GatewayOptions = {},
): Promise<MemberGateway> {
  const metrics = new MetricsRegistry();
  const logs: Array<Record<string, unknown>> = [];
  const pool = await poolFromSYaml(MEMBER_APP, storage.env, { metrics, log: (line) => logs.push(line), ...overrides });
  await pool.start();
  const gateway = await startGateway({ port: 0, channels: DEV, upstreams: { member: pool }, metrics, log: () => {}, ...options });
  return {
    pool,
    gateway,
    metrics,
    logs,
    async stop() {
      await gateway.stop();
      await pool.close();
    },
  };
}

/** The value of one series in Prometheus text, or undefined when it is not there. */
export function seriesValue(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The gateway's metrics, scraped as a Prometheus server would. */
export async function scrape(gateway: Gateway): Promise<string> {
  return (await fetch(`${gateway.url}/_gateway/metrics`)).text();
}
