import { invalidParameter } from './errors.js';

export type KeyType = 'INTEGER' | 'STRING' | 'BINARY';
export type DefinedType = 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'BLOB';

export interface KeyColumn {
  name: string;
  type: KeyType;
  autoIncrement: boolean;
}

export interface TableOptions {
  /** Seconds; -1 keeps data forever. */
  timeToLive: number;
  maxVersions: number;
  deviationCellVersionInSec: number;
  allowUpdate: boolean;
}

export interface TableSchema {
  name: string;
  primaryKey: KeyColumn[];
  definedColumns: { name: string; type: DefinedType }[];
  options: TableOptions;
  reservedRead: number;
  reservedWrite: number;
  /** Epoch seconds of the last reserved-throughput increase (creation counts). */
  lastIncreaseTime: number;
  lastDecreaseTime?: number;
}

export const DEFAULT_OPTIONS: TableOptions = {
  timeToLive: -1,
  maxVersions: 1,
  deviationCellVersionInSec: 86_400,
  allowUpdate: true,
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

export function checkTableName(name: string): void {
  if (!NAME.test(name)) throw invalidParameter(`Invalid table name: '${name}'.`);
}

export function checkColumnName(name: string): void {
  if (!NAME.test(name)) throw invalidParameter(`Invalid column name: '${name}'.`);
}

/** The checks CreateTable makes on a schema before anything is stored. */
export function checkSchema(schema: TableSchema): void {
  checkTableName(schema.name);
  const keys = schema.primaryKey;
  if (keys.length < 1 || keys.length > 4) {
    throw invalidParameter(`The number of primary key columns must be in range: [1, 4], got ${keys.length}.`);
  }
  const seen = new Set<string>();
  for (const [index, key] of keys.entries()) {
    checkColumnName(key.name);
    if (seen.has(key.name)) throw invalidParameter(`Duplicated primary key name: '${key.name}'.`);
    seen.add(key.name);
    if (key.autoIncrement && key.type !== 'INTEGER') {
      throw invalidParameter(`Auto-increment primary key '${key.name}' must be of type INTEGER.`);
    }
    if (key.autoIncrement && index === 0) {
      throw invalidParameter(`The partition key '${key.name}' can not be an auto-increment column.`);
    }
  }
  if (keys.filter((key) => key.autoIncrement).length > 1) {
    throw invalidParameter('A table can have at most one auto-increment primary key column.');
  }
  for (const column of schema.definedColumns) {
    checkColumnName(column.name);
    if (seen.has(column.name)) throw invalidParameter(`Duplicated column name: '${column.name}'.`);
    seen.add(column.name);
  }
  checkOptions(schema.options);
}

export function checkOptions(options: TableOptions): void {
  if (options.timeToLive !== -1 && options.timeToLive < 86_400) {
    throw invalidParameter(`TimeToLive must be -1 or at least 86400 seconds, got ${options.timeToLive}.`);
  }
  if (options.maxVersions < 1) throw invalidParameter(`MaxVersions must be at least 1, got ${options.maxVersions}.`);
  if (options.deviationCellVersionInSec < 1) {
    throw invalidParameter(`DeviationCellVersionInSec must be positive, got ${options.deviationCellVersionInSec}.`);
  }
}
