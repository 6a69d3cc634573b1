import type { Database } from '../engine/database.js';
import { invalidParameter } from '../engine/errors.js';
import { DEFAULT_OPTIONS, type DefinedType, type KeyType, type TableOptions, type TableSchema } from '../engine/schema.js';
import { has, toNumber, type Message } from '../server/proto.js';

const KEY_TYPES: Record<number, KeyType> = { 1: 'INTEGER', 2: 'STRING', 3: 'BINARY' };
const KEY_TYPE_CODES: Record<KeyType, number> = { INTEGER: 1, STRING: 2, BINARY: 3 };
const DEFINED_TYPES: Record<number, DefinedType> = { 1: 'INTEGER', 2: 'DOUBLE', 3: 'BOOLEAN', 4: 'STRING', 7: 'BLOB' };
const DEFINED_TYPE_CODES: Record<DefinedType, number> = { INTEGER: 1, DOUBLE: 2, BOOLEAN: 3, STRING: 4, BLOB: 7 };

export function createTable(db: Database, request: Message): Message {
  const meta = request.tableMeta as Message;
  if (request.indexMetas?.length > 0) {
    throw invalidParameter('ots-local does not support secondary indexes (index_metas).');
  }
  const throughput = request.reservedThroughput?.capacityUnit as Message | undefined;
  const schema: TableSchema = {
    name: meta.tableName as string,
    primaryKey: (meta.primaryKey as Message[]).map((column) => {
      const type = KEY_TYPES[column.type as number];
      if (!type) throw invalidParameter(`Invalid primary key type for '${column.name}': ${column.type}.`);
      return { name: column.name as string, type, autoIncrement: has(column, 'option') && column.option === 1 };
    }),
    definedColumns: ((meta.definedColumn as Message[] | undefined) ?? []).map((column) => {
      const type = DEFINED_TYPES[column.type as number];
      if (!type) throw invalidParameter(`Invalid defined column type for '${column.name}': ${column.type}.`);
      return { name: column.name as string, type };
    }),
    options: optionsFrom(request.tableOptions as Message | undefined, DEFAULT_OPTIONS),
    reservedRead: throughput?.read ?? 0,
    reservedWrite: throughput?.write ?? 0,
    lastIncreaseTime: Math.floor(db.now() / 1000),
  };
  db.createTable(schema);
  return {};
}

export function listTable(db: Database): Message {
  return { tableNames: db.tableNames() };
}

export function deleteTable(db: Database, request: Message): Message {
  db.deleteTable(request.tableName as string);
  return {};
}

export function describeTable(db: Database, request: Message): Message {
  const schema = db.table(request.tableName as string).schema;
  return {
    tableMeta: {
      tableName: schema.name,
      primaryKey: schema.primaryKey.map((column) => ({
        name: column.name,
        type: KEY_TYPE_CODES[column.type],
        ...(column.autoIncrement ? { option: 1 } : {}),
      })),
      definedColumn: schema.definedColumns.map((column) => ({ name: column.name, type: DEFINED_TYPE_CODES[column.type] })),
    },
    reservedThroughputDetails: throughputDetails(schema),
    tableOptions: optionsMessage(schema.options),
    tableStatus: 1,
    shardSplits: [],
    indexMetas: [],
  };
}

export function updateTable(db: Database, request: Message): Message {
  const name = request.tableName as string;
  const current = db.table(name).schema;
  const throughput = request.reservedThroughput?.capacityUnit as Message | undefined;
  const schema = db.updateTable(name, {
    ...(request.tableOptions ? { options: optionsFrom(request.tableOptions as Message, current.options) } : {}),
    ...(throughput && has(throughput, 'read') ? { reservedRead: throughput.read as number } : {}),
    ...(throughput && has(throughput, 'write') ? { reservedWrite: throughput.write as number } : {}),
  });
  return { reservedThroughputDetails: throughputDetails(schema), tableOptions: optionsMessage(schema.options) };
}

function optionsFrom(message: Message | undefined, base: TableOptions): TableOptions {
  if (!message) return { ...base };
  return {
    timeToLive: has(message, 'timeToLive') ? (message.timeToLive as number) : base.timeToLive,
    maxVersions: has(message, 'maxVersions') ? (message.maxVersions as number) : base.maxVersions,
    deviationCellVersionInSec: has(message, 'deviationCellVersionInSec')
      ? toNumber(message.deviationCellVersionInSec)
      : base.deviationCellVersionInSec,
    allowUpdate: has(message, 'allowUpdate') ? Boolean(message.allowUpdate) : base.allowUpdate,
  };
}

function optionsMessage(options: TableOptions): Message {
  return {
    timeToLive: options.timeToLive,
    maxVersions: options.maxVersions,
    deviationCellVersionInSec: options.deviationCellVersionInSec,
    allowUpdate: options.allowUpdate,
  };
}

function throughputDetails(schema: TableSchema): Message {
  return {
    capacityUnit: { read: schema.reservedRead, write: schema.reservedWrite },
    lastIncreaseTime: schema.lastIncreaseTime,
    ...(schema.lastDecreaseTime !== undefined ? { lastDecreaseTime: schema.lastDecreaseTime } : {}),
  };
}
