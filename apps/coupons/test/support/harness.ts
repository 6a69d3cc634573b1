import { manualClock, type ManualClock } from '@retail/core';
import { MemberService, memberTables } from '@retail/member';
import { otsFaults, startOtsLocal, type OtsFaults, type OtsLocal } from '@retail/ots-local';
import { createLogger } from '@retail/runtime';
import { createTablestoreClient, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCouponsApp, couponsFunctionTables, type CouponsFunction } from '../../src/app.js';

/** Parsed JSON bodies, as tests read them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into arbitrary response bodies
export type Json = any;

export interface Response {
  status: number;
  headers: Headers;
  json: Json;
}

export interface Harness {
  url: string;
  ots: OtsLocal;
  /** ots-local's fault rules (lost answers, busy errors...), set at run time. */
  faults: OtsFaults;
  client: TablestoreClient;
  /** The function's clock: starts at the real time, moves only when told to. */
  clock: ManualClock;
  fn: CouponsFunction;
  /** Calls the function over real HTTP, as the gateway would (channel header set). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; channel?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Registers a member (through the member library: the member function is not under test here). */
  member(): Promise<string>;
  /** Creates a campaign over HTTP, running now unless overridden; returns the 201 body. */
  campaign(overrides?: Record<string, unknown>): Promise<Json>;
  stop(): Promise<void>;
}

/** ots-local (in memory), the tables, and the coupons app on an ephemeral port. */
export async function startHarness(): Promise<Harness> {
  const ots: OtsLocal = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
    // Concurrency tests put hundreds of requests on two cores shared with the in-process server:
    // a slow answer here is load, not a fault.
    requestTimeoutMs: 30_000,
  });
  await ensureTables(client, [...couponsFunctionTables, ...memberTables]);
  const clock = manualClock(Date.now());
  const fn = createCouponsApp({
    client,
    clock,
    functionTimeoutMs: 10_000,
    logger: createLogger({ functionName: 'coupons', level: 'silent' }),
  });
  const members = new MemberService({ client, clock });
  const server: Server = createServer(fn.app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let phones = 0;
  const call: Harness['call'] = async (method, path, options = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', 'x-retail-channel': options.channel ?? 'wechat', ...options.headers },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    ots,
    faults: otsFaults(ots.endpoint),
    client,
    clock,
    fn,
    call,
    member: async () =>
      (await members.register({ phone: `138${String(++phones).padStart(8, '0')}`, name: 'M', channel: 'app' })).id,
    campaign: async (overrides = {}) => {
      const res = await call('POST', '/coupon-campaigns', {
        channel: 'admin',
        body: {
          name: 'Double 11',
          kind: 'amount-off',
          value: 500,
          minSpend: 3000,
          total: 100,
          perMemberLimit: 1,
          startsAt: new Date(clock.now() - 3_600_000).toISOString(),
          endsAt: new Date(clock.now() + 86_400_000).toISOString(),
          ...overrides,
        },
      });
      if (res.status !== 201) throw new Error(`campaign not created: ${JSON.stringify(res.json)}`);
      return res.json;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.close();
      await ots.stop();
    },
  };
}

/** The fields named by a validation problem, sorted. */
export function fieldsOf(res: Response): string[] {
  return ((res.json?.errors ?? []) as { field: string }[]).map((e) => e.field).sort();
}
