import { memberTables } from '@retail/member';
import { idempotencyTable } from '@retail/runtime';
import { ensureTables, type TablestoreClient } from '@retail/tablestore';

/** Every table the functions use, from the domain and platform packages that define them. */
export const platformTables = [...memberTables, idempotencyTable];

export async function ensurePlatformTables(client: TablestoreClient): Promise<{ created: string[] }> {
  return ensureTables(client, platformTables);
}
