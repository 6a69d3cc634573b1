import { couponsTables } from '@retail/coupons';
import { memberTables } from '@retail/member';
import { idempotencyTable } from '@retail/runtime';
import { storesTables } from '@retail/stores';
import { ensureTables, type TablestoreClient } from '@retail/tablestore';
import { tradingTables } from '@retail/trading';
import { devSeedTable } from './seed/index.js';

/** Every table the functions use, from the domain and platform packages that define them. */
export const platformTables = [
  ...memberTables,
  ...storesTables,
  ...couponsTables,
  ...tradingTables,
  idempotencyTable,
  devSeedTable,
];

export async function ensurePlatformTables(client: TablestoreClient): Promise<{ created: string[] }> {
  return ensureTables(client, platformTables);
}
