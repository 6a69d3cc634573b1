import type { TablestoreClient } from './client.js';
import { conditionColumns, toSdkColumnCondition } from './conditions.js';
import { checkKeyShape, encodeKey } from './keys.js';
import { columnsToRead, decodeRow } from './rows.js';
import { runRead } from './run.js';
import type { GetOptions } from './types/operations.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';
import type { Row } from './types/values.js';

/**
 * Reads one row as a plain object, or undefined when there is none (or it fails the filter).
 * Retried on transient errors.
 *
 * @example
 * const row = await getRow(client, stock, { storeId: 's1', sku: 'A' }, { columns: ['available'] });
 */
export async function getRow<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  key: PrimaryKey<N>,
  options: GetOptions = {},
): Promise<Row | undefined> {
  checkKeyShape(table, key);
  const primaryKey = encodeKey(table, key);
  const { columnsToGet, strip } = columnsToRead(table, options.columns, conditionColumns(options.filter));
  const params = {
    tableName: table.name,
    primaryKey,
    maxVersions: 1,
    ...(columnsToGet ? { columnsToGet } : {}),
    ...(options.filter ? { columnFilter: toSdkColumnCondition(table, options.filter) } : {}),
  };
  const res = await runRead(client, { operation: 'GetRow', table: table.name }, (sdk) => sdk.getRow(params));
  const row = decodeRow(res.row);
  return row ? strip(row) : undefined;
}
