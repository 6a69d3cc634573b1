import type { TablestoreClient } from './client.js';
import { toSdkCondition } from './conditions.js';
import { decodeKey, encodeKey } from './keys.js';
import { encodeAttributes, splitRow } from './rows.js';
import { runWrite } from './run.js';
import { TableStore } from './sdk/sdk.js';
import type { PutResult, WriteOptions } from './types/operations.js';
import type { TableDefinition } from './types/table.js';
import { toBuffer } from './values.js';
import type { Row, WriteRow } from './types/values.js';

/**
 * Writes a whole row (replacing any existing one) from a plain object holding its key and
 * attribute columns. Leave an auto-increment key column out to have it generated; the result
 * carries the full key. Use `condition: { row: 'not-exists' }` for uniqueness.
 *
 * @example
 * await putRow(client, phones, { phone: '+8613800000000', memberId: 'm1' }, { condition: { row: 'not-exists' } });
 */
export async function putRow(
  client: TablestoreClient,
  table: TableDefinition,
  row: WriteRow,
  options: WriteOptions = {},
): Promise<PutResult> {
  const { key, attributes } = splitRow(table, row);
  const hasAuto = table.primaryKey.some((c) => c.autoIncrement && key[c.name] === undefined);
  const params = {
    tableName: table.name,
    primaryKey: encodeKey(table, key, true),
    attributeColumns: encodeAttributes(table, attributes),
    condition: toSdkCondition(table, options.condition),
    ...(hasAuto ? { returnContent: { returnType: TableStore.ReturnType.Primarykey } } : {}),
  };
  const call = { operation: 'PutRow', table: table.name, replaySafe: !hasAuto };
  const res = await runWrite(client, call, (sdk) => sdk.putRow(params));
  const returned = res.row?.primaryKey;
  return { key: hasAuto && returned ? decodeKey(returned) : plainKey(key) };
}

function plainKey(key: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(key)) {
    out[name] = value instanceof Uint8Array ? toBuffer(value) : (value as Row[string]);
  }
  return out;
}
