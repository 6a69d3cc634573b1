// Integration tests talk to a real ots-local server through the real SDK: no mocked storage.
import { manualClock, type ManualClock } from '@retail/core';
import { startOtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient, type TablestoreConfig } from '@retail/tablestore';
import { MemberService, bindMemberTables, memberTables, type MemberServiceOptions, type MemberTables } from '../../src/index.js';

export interface TestEnv {
  readonly config: TablestoreConfig;
  readonly client: TablestoreClient;
  readonly tables: MemberTables;
  readonly clock: ManualClock;
  /** Another client of the same server: a second process, as far as the server can tell. */
  newClient(overrides?: Partial<TablestoreConfig>): TablestoreClient;
  /** A service on the shared clock; `tables` or `client` pick its storage (default: this env's tables). */
  service(options?: Partial<MemberServiceOptions>): MemberService;
  stop(): Promise<void>;
}

export async function startTestEnv(): Promise<TestEnv> {
  const ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  const config: TablestoreConfig = {
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  };
  const clients: TablestoreClient[] = [];
  const newClient = (overrides: Partial<TablestoreConfig> = {}) => {
    const c = createTablestoreClient({ ...config, ...overrides });
    clients.push(c);
    return c;
  };
  const client = newClient();
  await ensureTables(client, memberTables);
  const tables = bindMemberTables(client);
  const clock = manualClock('2026-11-11T00:00:00Z');
  return {
    config,
    client,
    tables,
    clock,
    newClient,
    service: (options = {}) =>
      new MemberService({ ...('client' in options ? {} : { tables }), clock, ...options } as MemberServiceOptions),
    stop: async () => {
      for (const c of clients) c.close();
      await ots.stop();
    },
  };
}

let phoneCounter = 0;
/** A phone number no other test uses (per test file; each file has its own server). */
export function freshPhone(): string {
  phoneCounter += 1;
  return `139${String(phoneCounter).padStart(8, '0')}`;
}
