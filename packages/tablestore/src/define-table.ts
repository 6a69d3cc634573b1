import { InvalidParameterError } from './errors.js';
import { checkColumnName, checkName } from './values.js';
import type { ColumnType, PrimaryKeyType, TableDefinition } from './types/table.js';

const PK_TYPES: readonly PrimaryKeyType[] = ['string', 'integer', 'binary'];
const COLUMN_TYPES: readonly ColumnType[] = ['string', 'integer', 'double', 'boolean', 'binary'];

/**
 * Declares a table as code, checked at once (names, 1-4 key columns, auto-increment rules,
 * column types, options). The key column names become the type of the table's keys.
 *
 * @example
 * export const stock = defineTable({
 *   name: 'stock',
 *   primaryKey: [{ name: 'storeId', type: 'string' }, { name: 'sku', type: 'string' }],
 *   columns: { available: 'integer', price: 'double' },
 * });
 */
export function defineTable<const N extends string>(def: TableDefinition<N>): TableDefinition<N> {
  checkName(def.name, 'table name');
  const fail = (msg: string): never => {
    throw new InvalidParameterError(`table ${def.name}: ${msg}`);
  };
  if (def.primaryKey.length < 1 || def.primaryKey.length > 4) fail('needs 1 to 4 primary key columns');
  const seen = new Set<string>();
  def.primaryKey.forEach((col, i) => {
    checkName(col.name, 'primary key column');
    if (seen.has(col.name)) fail(`primary key column '${col.name}' appears twice`);
    seen.add(col.name);
    if (!PK_TYPES.includes(col.type)) fail(`primary key column '${col.name}' has unknown type '${String(col.type)}'`);
    if (col.autoIncrement && (col.type !== 'integer' || i === 0)) {
      fail(`auto-increment column '${col.name}' must be an integer column other than the first`);
    }
  });
  if (def.primaryKey.filter((c) => c.autoIncrement).length > 1) fail('at most one auto-increment column');
  for (const [name, type] of Object.entries(def.columns ?? {})) {
    checkColumnName(name);
    if (seen.has(name)) fail(`column '${name}' is also a primary key column`);
    if (!COLUMN_TYPES.includes(type)) fail(`column '${name}' has unknown type '${String(type)}'`);
  }
  const o = def.options ?? {};
  const ttl = o.timeToLiveSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl === -1 || ttl >= 86400)))
    fail('timeToLiveSeconds must be -1 or >= 86400');
  if (o.maxVersions !== undefined && !(Number.isInteger(o.maxVersions) && o.maxVersions >= 1))
    fail('maxVersions must be an integer >= 1');
  const rt = o.reservedThroughput;
  if (rt && !(Number.isInteger(rt.read) && rt.read >= 0 && Number.isInteger(rt.write) && rt.write >= 0)) {
    fail('reservedThroughput read and write must be integers >= 0');
  }
  return Object.freeze({ ...def });
}
