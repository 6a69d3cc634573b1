import type { TablestoreClient } from './client.js';
import { toSdkCondition } from './conditions.js';
import { checkKeyShape, encodeKey } from './keys.js';
import { runWrite } from './run.js';
import type { WriteOptions } from './types/operations.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';

/**
 * Deletes a row. Without a condition, deleting a missing row succeeds.
 *
 * @example
 * await deleteRow(client, claims, { slotId, memberId }, { condition: { row: 'exists' } });
 */
export async function deleteRow<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  key: PrimaryKey<N>,
  options: WriteOptions = {},
): Promise<void> {
  checkKeyShape(table, key);
  const params = {
    tableName: table.name,
    primaryKey: encodeKey(table, key),
    condition: toSdkCondition(table, options.condition),
  };
  await runWrite(client, { operation: 'DeleteRow', table: table.name, replaySafe: true }, (sdk) => sdk.deleteRow(params));
}
