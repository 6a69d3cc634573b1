// Integration tests talk to a real ots-local server through the real SDK: no mocked storage.
import { manualClock, NotFoundError, type ManualClock } from '@retail/core';
import { CouponService, couponsTables } from '@retail/coupons';
import { MemberService, memberTables } from '@retail/member';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { bindStoresTables, StockHolds, StoreService, storesTables } from '@retail/stores';
import { createTablestoreClient, ensureTables, readHolds, type Table, type TablestoreClient } from '@retail/tablestore';
import { bindTradingTables, TradingService, tradingTables, type CouponsPort, type TradingTables } from '../../src/index.js';

export interface TradingEnv {
  readonly client: TablestoreClient;
  readonly clock: ManualClock;
  readonly members: MemberService;
  readonly stores: StoreService;
  readonly coupons: CouponService;
  readonly tables: TradingTables;
  readonly inventory: Table<'storeId' | 'sku'>;
  /** A trading service; `overrides` swap tables (fault seams) or options. */
  trading(overrides?: {
    tables?: Partial<TradingTables>;
    inventory?: Table<'storeId' | 'sku'>;
    coupons?: CouponsPort;
  }): TradingService;
  member(): Promise<string>;
  store(): Promise<string>;
  /** Puts a sku in a store with this many units available. */
  stock(storeId: string, sku: string, quantity: number, price?: number): Promise<void>;
  counts(storeId: string, sku: string): Promise<StockCounts>;
  stop(): Promise<void>;
}

export interface StockCounts {
  available: number;
  held: number;
  sold: number;
  flashAllotted: number;
  /** Open hold markers on the row. */
  holds: number;
}

let phoneSeq = 0;

export async function startTradingEnv(): Promise<TradingEnv> {
  const ots: OtsLocal = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
    // Hundreds of concurrent requests share two cores with the in-process server: a slow answer
    // here is load, not a fault (fault tests inject their own).
    requestTimeoutMs: 30_000,
  });
  await ensureTables(client, [...memberTables, ...storesTables, ...couponsTables, ...tradingTables]);
  const clock = manualClock('2026-11-11T00:00:00Z');
  const members = new MemberService({ client, clock });
  const stores = new StoreService({ client, clock });
  const coupons = new CouponService({
    client,
    clock,
    members: { exists: (id) => members.get(id).then(() => true, notFoundAsFalse) },
  });
  const tables = bindTradingTables(client);
  const inventory = bindStoresTables(client).inventory;
  return {
    client,
    clock,
    members,
    stores,
    coupons,
    tables,
    inventory,
    trading: (overrides = {}) =>
      new TradingService({
        tables: { ...tables, ...overrides.tables },
        clock,
        members,
        coupons: overrides.coupons ?? coupons,
        stores,
        stock: new StockHolds(overrides.inventory ?? inventory, clock),
        repairAfterMs: 60_000,
      }),
    async member() {
      phoneSeq++;
      const phone = `137${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
      return (await members.register({ phone, name: `Buyer ${phoneSeq}`, channel: 'app' })).id;
    },
    async store() {
      const s = await stores.create({
        name: 'Test store',
        format: 'supermarket',
        city: 'Hangzhou',
        address: '1 West Lake Road',
        location: { lat: 30.27, lng: 120.15 },
        opensAt: '08:00',
        closesAt: '22:00',
      });
      return s.id;
    },
    async stock(storeId, sku, quantity, price = 1250) {
      await stores.putInventory(storeId, sku, { name: `Item ${sku}`, price, quantity });
    },
    async counts(storeId, sku) {
      const row = await inventory.get({ storeId, sku }, { columns: ['available', 'held', 'sold', 'flashAllotted'] });
      return {
        available: Number(row?.available ?? 0),
        held: Number(row?.held ?? 0),
        sold: Number(row?.sold ?? 0),
        flashAllotted: Number(row?.flashAllotted ?? 0),
        holds: (await readHolds(inventory, { storeId, sku })).length,
      };
    },
    async stop() {
      client.close();
      await ots.stop();
    },
  };
}

/** available + held + sold + flashAllotted: constant between two inventory updates (API.md invariants). */
export function stockTotal(c: StockCounts): number {
  return c.available + c.held + c.sold + c.flashAllotted;
}

function notFoundAsFalse(error: unknown): false {
  if (error instanceof NotFoundError) return false;
  throw error;
}
