/** ots-local in its own process with the member function's tables, and the instances' environment. */
import { join } from 'node:path';
import { loadFunctionConfig } from '@retail/gateway';
import { memberTables } from '@retail/member';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal } from '@retail/ots-local';
import { idempotencyTable } from '@retail/runtime';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';

export interface BenchStorage {
  /** What every instance gets, as `pnpm dev` gives it: the s.yaml's literal variables, dev storage. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts ots-local (in memory), creates the tables and returns the instances' environment.
 *
 * @example
 * const storage = await startStorage('apps/member');
 */
export async function startStorage(appDir: string): Promise<BenchStorage> {
  const ots = await spawnOtsLocal({ memory: true });
  const client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: DEV_INSTANCE,
    accessKeyId: DEV_ACCESS_KEY_ID,
    accessKeySecret: DEV_ACCESS_KEY_SECRET,
  });
  await ensureTables(client, [...memberTables, idempotencyTable]);
  client.close();
  const env: Record<string, string> = {
    ...(await loadFunctionConfig(join(appDir, 's.yaml'))).environment,
    NODE_ENV: 'development',
    OTS_ENDPOINT: ots.endpoint,
    OTS_INSTANCE: DEV_INSTANCE,
    OTS_ACCESS_KEY_ID: DEV_ACCESS_KEY_ID,
    OTS_ACCESS_KEY_SECRET: DEV_ACCESS_KEY_SECRET,
  };
  return { env, stop: () => ots.stop() };
}

/**
 * Registers `count` members through a function instance; returns their ids.
 *
 * @example
 * const ids = await registerMembers(direct.url, 200);
 */
export async function registerMembers(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retail-channel': 'app' },
      body: JSON.stringify({ phone: `139${String(i).padStart(8, '0')}`, name: `Bench ${i}` }),
    });
    if (response.status !== 201) throw new Error(`registering a member: ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}
