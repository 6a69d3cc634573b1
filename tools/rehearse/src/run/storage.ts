import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE } from '@retail/ots-local';
import { createTablestoreClient, type TablestoreClient } from '@retail/tablestore';

/**
 * A client of the run's own ots-local (dev keys: it is a scratch instance on this machine).
 *
 * @example
 * const client = storageClient(platform.otsEndpoint);
 */
export function storageClient(endpoint: string): TablestoreClient {
  return createTablestoreClient({
    endpoint,
    instanceName: DEV_INSTANCE,
    accessKeyId: DEV_ACCESS_KEY_ID,
    accessKeySecret: DEV_ACCESS_KEY_SECRET,
  });
}
