import 'reflect-metadata';
import { systemClock } from '@retail/core';
import { MemberService } from '@retail/member';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal } from '@retail/ots-local';
import { createLogger } from '@retail/runtime';
import { StoreService } from '@retail/stores';
import { createTablestoreClient, ensureTables, type TableDefinition, type TablestoreClient } from '@retail/tablestore';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTradingApp, tradingFunctionTables, type TradingFunction } from '../src/app.js';

/** A benchmark's world: ots-local in its own process, the trading app in this one on an ephemeral port. */
export interface BenchWorld {
  readonly config: { endpoint: string; instanceName: string; accessKeyId: string; accessKeySecret: string };
  /** The function's client, with the function's defaults (64 keep-alive sockets, 3 s timeout). */
  readonly client: TablestoreClient;
  readonly fn: TradingFunction;
  readonly url: string;
  /** Registers `count` members, 100 at a time; their ids. */
  members(count: number): Promise<string[]>;
  /** A store carrying these skus (`{ sku: units }`) at 9.90 yuan each; its id. */
  store(stock: Record<string, number>): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts ots-local (in memory, its own process), the function's tables plus `extraTables`, and
 * the trading app on an ephemeral port with a silent logger.
 *
 * @example
 * const world = await startWorld([counters]);
 */
export async function startWorld(extraTables: readonly TableDefinition[] = []): Promise<BenchWorld> {
  const ots = await spawnOtsLocal({ memory: true });
  const config = {
    endpoint: ots.endpoint,
    instanceName: DEV_INSTANCE,
    accessKeyId: DEV_ACCESS_KEY_ID,
    accessKeySecret: DEV_ACCESS_KEY_SECRET,
  };
  const client = createTablestoreClient(config);
  await ensureTables(client, [...tradingFunctionTables, ...extraTables]);
  const fn = createTradingApp({
    client,
    functionTimeoutMs: 10_000,
    logger: createLogger({ functionName: 'trading', level: 'silent' }),
  });
  const server = createServer(fn.app.listener);
  server.keepAliveTimeout = 60_000;
  // A crowd of thousands connects at once: a listen backlog for all of them (the kernel caps it at somaxconn).
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, resolve));
  const members = new MemberService({ client, clock: systemClock });
  const stores = new StoreService({ client, clock: systemClock });
  let phones = 0;
  return {
    config,
    client,
    fn,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async members(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 100) {
        const batch = Array.from({ length: Math.min(100, count - i) }, () =>
          members.register({ phone: `13${String(phones++).padStart(9, '0')}`, name: 'Buyer', channel: 'app' }),
        );
        ids.push(...(await Promise.all(batch)).map((m) => m.id));
      }
      return ids;
    },
    async store(stock) {
      const store = await stores.create({
        name: 'Bench store',
        format: 'hypermarket',
        city: 'Hangzhou',
        address: '1 Bench Road',
        location: { lat: 30.27, lng: 120.15 },
        opensAt: '00:00',
        closesAt: '23:59',
      });
      const skus = Object.entries(stock);
      for (let i = 0; i < skus.length; i += 50) {
        await Promise.all(
          skus
            .slice(i, i + 50)
            .map(([sku, quantity]) => stores.putInventory(store.id, sku, { name: `Item ${sku}`, price: 990, quantity })),
        );
      }
      return store.id;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.close();
      await ots.stop();
    },
  };
}
