import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@retail/runtime';
import { createStoresApp, storesFunctionTables } from '../../src/app.js';

/** Parsed JSON bodies, as tests read them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into arbitrary response bodies
export type Json = any;

export interface Harness {
  url: string;
  client: TablestoreClient;
  /** Calls the function over real HTTP, as the gateway would (channel header set). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; channel?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: Json }>;
  stop(): Promise<void>;
}

/** ots-local (in memory), the tables, and the stores app on an ephemeral port. */
export async function startHarness(): Promise<Harness> {
  const ots: OtsLocal = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, storesFunctionTables);
  const app = createStoresApp({
    client,
    functionTimeoutMs: 10_000,
    logger: createLogger({ functionName: 'stores', level: 'silent' }),
  });
  const server: Server = createServer(app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    client,
    async call(method, path, options = {}) {
      const response = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json', 'x-retail-channel': options.channel ?? 'wechat', ...options.headers },
        ...(options.body === undefined
          ? {}
          : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.close();
      await ots.stop();
    },
  };
}
