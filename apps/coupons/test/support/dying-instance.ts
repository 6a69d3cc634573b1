import { createLogger } from '@retail/runtime';
import { createTablestoreClient, type TablestoreClient } from '@retail/tablestore';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCouponsApp } from '../../src/app.js';
import type { Harness } from './harness.js';

/** Where a request's process dies: right after ots-local applied this write (its answer never comes). */
export interface DeathPoint {
  readonly operation: 'PutRow' | 'UpdateRow';
  readonly table: string;
  /** Which matching write (1 = the first, the default): the second UpdateRow of a claim's shards is its confirmation. */
  readonly nth?: number;
}

/**
 * Another instance of the function (same tables, same clock) whose requests can die halfway: a
 * write is applied and its answer is held back for good (ots-local's `lose-response` in `hang`
 * mode), so the request stops right there, its idempotency claim left in progress, as when FC
 * kills an instance. The caller gives up on the answer, as a client whose connection dropped.
 */
export class DyingInstance {
  private constructor(
    private readonly client: TablestoreClient,
    private readonly server: Server,
    private readonly url: string,
    private readonly h: Harness,
  ) {}

  static async start(h: Harness): Promise<DyingInstance> {
    const client = createTablestoreClient({
      endpoint: h.ots.endpoint,
      instanceName: h.ots.instanceName,
      accessKeyId: h.ots.accessKeyId,
      accessKeySecret: h.ots.accessKeySecret,
      requestTimeoutMs: 600_000, // the held answer is never waited out during a test
    });
    const fn = createCouponsApp({
      client,
      clock: h.clock,
      functionTimeoutMs: 10_000,
      logger: createLogger({ functionName: 'coupons', level: 'silent' }),
    });
    const server = createServer(fn.app.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new DyingInstance(client, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, h);
  }

  /** Sends the request and returns once it has died at `at` (the write applied, nothing after it run). */
  async dieDuring(at: DeathPoint, path: string, body: unknown, headers: Record<string, string>): Promise<void> {
    const rule = `die-${at.operation}-${at.table}`;
    const nth = at.nth ?? 1;
    await this.h.faults.set([
      { id: rule, fault: 'lose-response', mode: 'hang', operation: at.operation, table: at.table, everyNth: nth, times: 1 },
    ]);
    const gaveUp = new AbortController();
    const sent = fetch(this.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retail-channel': 'wechat', ...headers },
      body: JSON.stringify(body),
      signal: gaveUp.signal,
    }).catch(() => undefined);
    for (let polls = 0; (await this.h.faults.stats())[rule]?.fired !== 1; polls++) {
      if (polls > 500) throw new Error(`the request never reached ${at.operation} on ${at.table}`);
      await sleep(10);
    }
    gaveUp.abort();
    await sent;
    await this.h.faults.clear();
  }

  /** After the harness stopped ots-local (which ends the held answers): the dead requests' leftovers. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.client.close();
  }
}
