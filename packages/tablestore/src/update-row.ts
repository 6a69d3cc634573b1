import type { TablestoreClient } from './client.js';
import { toSdkCondition } from './conditions.js';
import { InvalidParameterError } from './errors.js';
import { checkKeyShape, encodeKey } from './keys.js';
import { decodeRow } from './rows.js';
import { runWrite } from './run.js';
import { TableStore } from './sdk/sdk.js';
import { encodeUpdateChanges } from './update-changes.js';
import type { UpdateChanges, UpdateOptions, UpdateResult } from './types/operations.js';
import type { PrimaryKey, TableDefinition } from './types/table.js';

/**
 * Changes some columns of a row (creating the row if it is missing, unless the condition says
 * `row: 'exists'`): set, remove and atomically increment, under an optional condition.
 * An update with an increment is never re-sent after an ambiguous failure.
 *
 * @example
 * await updateRow(client, orders, { orderId }, { set: { status: 'paid' } },
 *   { condition: { row: 'exists', columns: { column: 'status', op: '=', value: 'pending' } } });
 */
export async function updateRow<N extends string>(
  client: TablestoreClient,
  table: TableDefinition<N>,
  key: PrimaryKey<N>,
  changes: UpdateChanges,
  options: UpdateOptions = {},
): Promise<UpdateResult> {
  checkKeyShape(table, key);
  const { columns, increments } = encodeUpdateChanges(table, changes);
  const returnColumns = options.returnColumns ?? [];
  for (const name of returnColumns) {
    if (!increments.includes(name))
      throw new InvalidParameterError(`${table.name}: returnColumns may only name incremented columns, not '${name}'`);
  }
  const params = {
    tableName: table.name,
    primaryKey: encodeKey(table, key),
    updateOfAttributeColumns: columns,
    condition: toSdkCondition(table, options.condition),
    ...(returnColumns.length > 0
      ? { returnContent: { returnType: TableStore.ReturnType.AfterModify, returnColumns: [...returnColumns] } }
      : {}),
  };
  const call = { operation: 'UpdateRow', table: table.name, replaySafe: increments.length === 0 };
  const res = await runWrite(client, call, (sdk) => sdk.updateRow(params));
  const row = decodeRow(res.row) ?? {};
  const values: UpdateResult['values'] = {};
  for (const name of returnColumns) {
    const v = row[name];
    if (v !== undefined) values[name] = v;
  }
  return { values };
}
