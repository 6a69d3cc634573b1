import { manualClock, type ManualClock } from '@retail/core';
import { CouponService } from '@retail/coupons';
import { MemberService } from '@retail/member';
import { otsFaults, startOtsLocal, type OtsFaults, type OtsLocal } from '@retail/ots-local';
import { createLogger } from '@retail/runtime';
import { bindStoresTables, StoreService } from '@retail/stores';
import { createTablestoreClient, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTradingApp, tradingFunctionTables, type TradingFunction } from '../../src/app.js';

/** Parsed JSON bodies, as tests read them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index into arbitrary response bodies
export type Json = any;

export interface Response {
  status: number;
  headers: Headers;
  json: Json;
}

/** A sku's counters on its inventory row (API.md: their sum only changes with an inventory PUT). */
export interface StockCounts {
  available: number;
  held: number;
  sold: number;
  flashAllotted: number;
}

export interface Harness {
  url: string;
  ots: OtsLocal;
  /** ots-local's fault rules (lost answers, busy errors...), set at run time. */
  faults: OtsFaults;
  client: TablestoreClient;
  /** The function's clock: starts at the real time, moves only when told to. */
  clock: ManualClock;
  fn: TradingFunction;
  members: MemberService;
  /** Calls the function over real HTTP, as the gateway would (channel header set). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; channel?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Registers a member (through the member library: the member function is not under test here). */
  member(): Promise<string>;
  /** Creates a store with these skus in stock (`{ sku: [available, price] }`), through the stores library. */
  store(stock?: Record<string, [number, number]>): Promise<string>;
  counts(storeId: string, sku: string): Promise<StockCounts>;
  /** A coupon of the member's from a fresh amount-off campaign, through the coupons library. */
  coupon(memberId: string, campaign?: { value?: number; minSpend?: number }): Promise<string>;
  couponStatus(couponId: string): Promise<string>;
  /** Creates a flash sale over HTTP (admin channel), running now unless overridden; returns the 201 body. */
  flashSale(storeId: string, sku: string, overrides?: Record<string, unknown>): Promise<Json>;
  stop(): Promise<void>;
}

/** ots-local (in memory), every table of the function, and the trading app on an ephemeral port. */
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
  await ensureTables(client, tradingFunctionTables);
  const clock = manualClock(Date.now());
  const fn = createTradingApp({
    client,
    clock,
    functionTimeoutMs: 10_000,
    logger: createLogger({ functionName: 'trading', level: 'silent' }),
  });
  const members = new MemberService({ client, clock });
  const stores = new StoreService({ client, clock });
  const coupons = new CouponService({ client, clock, members: { exists: async () => true } });
  const inventory = bindStoresTables(client).inventory;
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
    members,
    call,
    member: async () =>
      (await members.register({ phone: `136${String(++phones).padStart(8, '0')}`, name: 'Buyer', channel: 'app' })).id,
    async store(stock = {}) {
      const store = await stores.create({
        name: 'West Lake',
        format: 'supermarket',
        city: 'Hangzhou',
        address: '1 West Lake Road',
        location: { lat: 30.27, lng: 120.15 },
        opensAt: '08:00',
        closesAt: '22:00',
      });
      for (const [sku, [quantity, price]] of Object.entries(stock)) {
        await stores.putInventory(store.id, sku, { name: `Item ${sku}`, price, quantity });
      }
      return store.id;
    },
    async counts(storeId, sku) {
      const row = await inventory.get({ storeId, sku }, { columns: ['available', 'held', 'sold', 'flashAllotted'] });
      return {
        available: Number(row?.available ?? 0),
        held: Number(row?.held ?? 0),
        sold: Number(row?.sold ?? 0),
        flashAllotted: Number(row?.flashAllotted ?? 0),
      };
    },
    async coupon(memberId, campaign = {}) {
      const created = await coupons.createCampaign({
        name: 'Welcome',
        kind: 'amount-off',
        value: campaign.value ?? 500,
        minSpend: campaign.minSpend ?? 0,
        total: 10,
        perMemberLimit: 1,
        startsAt: new Date(clock.now() - 3_600_000).toISOString(),
        endsAt: new Date(clock.now() + 86_400_000).toISOString(),
      });
      return (await coupons.claim(created.id, memberId)).id;
    },
    couponStatus: async (couponId) => (await coupons.get(couponId)).status,
    async flashSale(storeId, sku, overrides = {}) {
      const res = await call('POST', '/flash-sales', {
        channel: 'admin',
        body: {
          storeId,
          sku,
          price: 990,
          quantity: 10,
          perMemberLimit: 2,
          startsAt: new Date(clock.now() - 60_000).toISOString(),
          endsAt: new Date(clock.now() + 3_600_000).toISOString(),
          ...overrides,
        },
      });
      if (res.status !== 201) throw new Error(`flash sale not created: ${JSON.stringify(res.json)}`);
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

/** available + held + sold + flashAllotted. */
export function stockTotal(c: StockCounts): number {
  return c.available + c.held + c.sold + c.flashAllotted;
}
