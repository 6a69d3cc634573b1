// Integration tests talk to a real ots-local server through the real SDK: no mocked storage.
import { manualClock, newId, type ManualClock } from '@retail/core';
import { startOtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient, type TablestoreConfig } from '@retail/tablestore';
import {
  CouponService,
  bindCouponsTables,
  couponsTables,
  type Campaign,
  type CouponServiceOptions,
  type CouponsTables,
  type CreateCampaignInput,
  type MemberDirectory,
} from '../../src/index.js';

/** The members the tests registered: the member library's answer, without its tables (not under test here). */
export class TestMembers implements MemberDirectory {
  private readonly ids = new Set<string>();
  async exists(memberId: string): Promise<boolean> {
    return this.ids.has(memberId);
  }
  add(): string {
    const id = newId('mem');
    this.ids.add(id);
    return id;
  }
  addMany(n: number): string[] {
    return Array.from({ length: n }, () => this.add());
  }
}

export interface TestEnv {
  readonly config: TablestoreConfig;
  readonly client: TablestoreClient;
  readonly tables: CouponsTables;
  readonly clock: ManualClock;
  readonly members: TestMembers;
  /** Another client of the same server: a second process, as far as the server can tell. */
  newClient(overrides?: Partial<TablestoreConfig>): TablestoreClient;
  /** A service on the shared clock and members; `tables` picks its storage (default: this env's tables). */
  service(options?: Partial<CouponServiceOptions>): CouponService;
  /** A campaign running now (starting an hour ago, ending in a day), with overrides. */
  campaign(overrides?: Partial<CreateCampaignInput>): Promise<Campaign>;
  stop(): Promise<void>;
}

export const START = '2026-11-11T00:00:00Z';

export async function startTestEnv(): Promise<TestEnv> {
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const config: TablestoreConfig = {
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
    // Hundreds of concurrent claims queue on one small server, on a shared CI machine: a slow
    // answer here is load, not the lost response the fault tests inject on purpose.
    requestTimeoutMs: 30_000,
  };
  const clients: TablestoreClient[] = [];
  const newClient = (overrides: Partial<TablestoreConfig> = {}) => {
    const c = createTablestoreClient({ ...config, ...overrides });
    clients.push(c);
    return c;
  };
  const client = newClient();
  await ensureTables(client, couponsTables);
  const tables = bindCouponsTables(client);
  const clock = manualClock(START);
  const members = new TestMembers();
  const service = (options: Partial<CouponServiceOptions> = {}) =>
    new CouponService({ ...('client' in options ? {} : { tables }), clock, members, ...options } as CouponServiceOptions);
  const admin = service();
  return {
    config,
    client,
    tables,
    clock,
    members,
    newClient,
    service,
    campaign: (overrides = {}) =>
      admin.createCampaign({
        name: 'Double 11',
        kind: 'amount-off',
        value: 500,
        minSpend: 3000,
        total: 100,
        perMemberLimit: 1,
        startsAt: new Date(clock.now() - 3_600_000).toISOString(),
        endsAt: new Date(clock.now() + 86_400_000).toISOString(),
        ...overrides,
      }),
    stop: async () => {
      for (const c of clients) c.close();
      await ots.stop();
    },
  };
}
