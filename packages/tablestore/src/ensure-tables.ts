import type { TablestoreClient } from './client.js';
import { InvalidParameterError, TableAlreadyExistsError, TableSchemaMismatchError } from './errors.js';
import { describedKeyColumns, keySchemaDifferences } from './key-schema.js';
import { runRead } from './run.js';
import type { ColumnType, TableDefinition } from './types/table.js';

export interface EnsureTablesResult {
  /** Tables this call created. */
  readonly created: string[];
  /** Tables that existed (or were created meanwhile by someone else) with the same key. */
  readonly existing: string[];
}

const DEFINED_COLUMN_TYPE: Record<ColumnType, number> = { integer: 1, double: 2, boolean: 3, string: 4, binary: 7 };

/**
 * Creates the tables that are missing; idempotent. An existing table must have the same primary
 * key (names, order, types, auto-increment), else TableSchemaMismatchError. Two processes
 * ensuring at once is fine: losing the create race (OTSObjectAlreadyExist) counts as existing.
 * Other options (TTL, versions, defined columns) of an existing table are left as they are.
 *
 * @example
 * await ensureTables(client, [stock, orders]); // { created: ['orders'], existing: ['stock'] }
 */
export async function ensureTables(client: TablestoreClient, defs: readonly TableDefinition[]): Promise<EnsureTablesResult> {
  const names0 = defs.map((d) => d.name);
  const twice = names0.find((n, i) => names0.indexOf(n) !== i);
  if (twice) throw new InvalidParameterError(`ensureTables: table '${twice}' is defined twice`);
  const listed = await runRead(client, { operation: 'ListTable', table: undefined }, (sdk) => sdk.listTable({}));
  const names = new Set(listed.tableNames ?? []);
  const created: string[] = [];
  const existing: string[] = [];
  for (const def of defs) {
    if (!names.has(def.name)) {
      try {
        await runRead(client, { operation: 'CreateTable', table: def.name }, (sdk) => sdk.createTable(createParams(def)));
        created.push(def.name);
        continue;
      } catch (error) {
        if (!(error instanceof TableAlreadyExistsError)) throw error;
      }
    }
    await verifyKey(client, def);
    existing.push(def.name);
  }
  return { created, existing };
}

async function verifyKey(client: TablestoreClient, def: TableDefinition): Promise<void> {
  const described = await runRead(client, { operation: 'DescribeTable', table: def.name }, (sdk) =>
    sdk.describeTable({ tableName: def.name }),
  );
  const diffs = keySchemaDifferences(def, describedKeyColumns(described));
  if (diffs.length > 0) {
    throw new TableSchemaMismatchError(`table ${def.name} exists with another primary key: ${diffs.join('; ')}`, {
      operation: 'DescribeTable',
      table: def.name,
    });
  }
}

/** CreateTable parameters in the SDK's shape. */
export function createParams(def: TableDefinition): Record<string, unknown> {
  const o = def.options ?? {};
  const definedColumn = Object.entries(def.columns ?? {}).map(([name, type]) => ({ name, type: DEFINED_COLUMN_TYPE[type] }));
  return {
    tableMeta: {
      tableName: def.name,
      primaryKey: def.primaryKey.map((c) => ({
        name: c.name,
        type: c.type.toUpperCase(),
        ...(c.autoIncrement ? { option: 'AUTO_INCREMENT' } : {}),
      })),
      ...(definedColumn.length > 0 ? { definedColumn } : {}),
    },
    reservedThroughput: { capacityUnit: { read: o.reservedThroughput?.read ?? 0, write: o.reservedThroughput?.write ?? 0 } },
    tableOptions: {
      timeToLive: o.timeToLiveSeconds ?? -1,
      maxVersions: o.maxVersions ?? 1,
      ...(o.maxTimeDeviationSeconds ? { maxTimeDeviation: o.maxTimeDeviationSeconds } : {}),
    },
  };
}
