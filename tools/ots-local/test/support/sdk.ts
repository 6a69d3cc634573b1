/**
 * The official `tablestore` SDK (5.6.5), loaded as the CommonJS module it is, with the types
 * this suite relies on. The package ships no typings; declaring them here (instead of an ambient
 * `declare module 'tablestore'`) keeps them out of the server's own type-check.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What the SDK returns for INTEGER cells: an `int64-buffer` Int64LE. */
export interface Int64 {
  toNumber(): number;
  toString(radix?: number): string;
  toBuffer(): Buffer;
}

/** INF_MIN / INF_MAX / PK_AUTO_INCR are plain marker objects in the SDK. */
export interface Sentinel {
  readonly __sentinel?: never;
}

export type PkValue = string | Int64 | Buffer | Sentinel;
export type CellValue = string | number | boolean | Buffer | Int64;
/** `[{ id: 'a' }, { n: Long }]`: one single-key object per PK column, in schema order. */
export type PrimaryKeyInput = Array<Record<string, PkValue>>;
/** `[{ col: value }]`, or `[{ col: value, timestamp: ms }]` (the first key is the column). */
export type AttributeInput = Array<Record<string, CellValue>>;

export interface PrimaryKeyColumn {
  name: string;
  value: string | Int64 | Buffer;
}
export interface AttributeColumn {
  columnName: string;
  columnValue: CellValue;
  timestamp: Int64;
}
export interface Row {
  primaryKey?: PrimaryKeyColumn[];
  attributes?: AttributeColumn[];
}
export interface FullRow {
  primaryKey: PrimaryKeyColumn[];
  attributes: AttributeColumn[];
}

export type UpdateOp =
  | { PUT: AttributeInput }
  | { DELETE: Array<Record<string, number | Int64>> }
  | { DELETE_ALL: string[] }
  | { INCREMENT: AttributeInput };

export interface TimeRange {
  startTime?: number;
  endTime?: number;
  specificTime?: number;
}

export interface ReturnContent {
  returnType: number;
  returnColumns?: string[];
}

export interface CapacityUnit {
  read?: number;
  write?: number;
}

/** protobufjs int64 fields: a `long` Long, or a number when `long` is absent. */
export type PbInt64 = number | { toString(): string };

export interface PrimaryKeySchemaOut {
  name: string;
  type: number;
  option?: number;
}
export interface DescribeTableResponse {
  tableMeta: {
    tableName: string;
    primaryKey: PrimaryKeySchemaOut[];
    definedColumn: Array<{ name: string; type: number }>;
  };
  reservedThroughputDetails: {
    capacityUnit: CapacityUnit;
    lastIncreaseTime: PbInt64;
    lastDecreaseTime?: PbInt64;
  };
  tableOptions: {
    timeToLive?: number;
    maxVersions?: number;
    deviationCellVersionInSec?: PbInt64;
    allowUpdate?: boolean;
  };
  tableStatus: number;
  RequestId?: string;
}

export interface BatchRowResult {
  isOk: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  tableName: string;
  primaryKey: PrimaryKeyColumn[] | null;
  attributes: AttributeColumn[] | null;
}

export interface CreateTableParams {
  tableMeta: {
    tableName: string;
    primaryKey: Array<{ name: string; type: 'STRING' | 'INTEGER' | 'BINARY'; option?: 'AUTO_INCREMENT' }>;
    definedColumn?: Array<{ name: string; type: number }>;
  };
  reservedThroughput: { capacityUnit: CapacityUnit };
  tableOptions: { timeToLive?: number; maxVersions?: number; maxTimeDeviation?: number; allowUpdate?: boolean };
}

export interface ReadParams {
  columnsToGet?: string[];
  maxVersions?: number;
  timeRange?: TimeRange;
  columnFilter?: ColumnCondition;
}

export interface GetRowParams extends ReadParams {
  tableName: string;
  primaryKey: PrimaryKeyInput;
}

export interface GetRangeParams extends ReadParams {
  tableName: string;
  direction: 'FORWARD' | 'BACKWARD';
  inclusiveStartPrimaryKey: PrimaryKeyInput;
  exclusiveEndPrimaryKey: PrimaryKeyInput;
  limit?: number;
}

export interface WriteRowItem {
  type: 'PUT' | 'UPDATE' | 'DELETE';
  condition?: Condition;
  primaryKey: PrimaryKeyInput;
  /** PUT: AttributeInput; UPDATE: UpdateOp[]; DELETE: omitted. */
  attributeColumns?: AttributeInput | UpdateOp[];
  returnContent?: ReturnContent;
}

export interface RowWriteResponse {
  consumed: { capacityUnit: CapacityUnit };
  row: Row;
  RequestId?: string;
}

export interface Client {
  createTable(params: CreateTableParams): Promise<Record<string, unknown>>;
  listTable(params: Record<string, never>): Promise<{ tableNames: string[] }>;
  describeTable(params: { tableName: string }): Promise<DescribeTableResponse>;
  updateTable(params: {
    tableName: string;
    tableOptions: { timeToLive?: number; maxVersions?: number; maxTimeDeviation?: number };
    reservedThroughput?: { capacityUnit: CapacityUnit };
  }): Promise<{
    reservedThroughputDetails: DescribeTableResponse['reservedThroughputDetails'];
    tableOptions: DescribeTableResponse['tableOptions'];
  }>;
  deleteTable(params: { tableName: string }): Promise<Record<string, unknown>>;
  getRow(params: GetRowParams): Promise<{ consumed: { capacityUnit: CapacityUnit }; row: Row; RequestId?: string }>;
  putRow(params: {
    tableName: string;
    condition: Condition;
    primaryKey: PrimaryKeyInput;
    attributeColumns: AttributeInput;
    returnContent?: ReturnContent;
  }): Promise<RowWriteResponse>;
  updateRow(params: {
    tableName: string;
    condition: Condition;
    primaryKey: PrimaryKeyInput;
    updateOfAttributeColumns: UpdateOp[];
    returnContent?: ReturnContent;
  }): Promise<RowWriteResponse>;
  deleteRow(params: {
    tableName: string;
    condition: Condition;
    primaryKey: PrimaryKeyInput;
    returnContent?: ReturnContent;
  }): Promise<RowWriteResponse>;
  getRange(params: GetRangeParams): Promise<{
    consumed: { capacityUnit: CapacityUnit };
    rows: FullRow[];
    nextStartPrimaryKey: PrimaryKeyColumn[] | null;
  }>;
  batchGetRow(params: {
    tables: Array<{ tableName: string; primaryKey: PrimaryKeyInput[] } & ReadParams>;
  }): Promise<{ tables: BatchRowResult[][] }>;
  batchWriteRow(params: { tables: Array<{ tableName: string; rows: WriteRowItem[] }> }): Promise<{
    tables: BatchRowResult[];
  }>;
  listSearchIndex(params: { tableName: string }): Promise<unknown>;
  describeSearchIndex(params: { tableName: string; indexName: string }): Promise<unknown>;
  computeSplits(params: { tableName: string; searchIndexSplitsOptions?: { indexName: string } }): Promise<unknown>;
  startLocalTransaction(params: { tableName: string; primaryKey: PrimaryKeyInput }): Promise<unknown>;
  commitTransaction(params: { transactionId: string }): Promise<unknown>;
  createIndex(params: {
    mainTableName: string;
    indexMeta: { name: string; primaryKey: string[]; definedColumn: string[] };
  }): Promise<unknown>;
  sqlQuery(params: { query: string }): Promise<unknown>;
  listKnowledgeBase(params: Record<string, unknown>): Promise<unknown>;
}

export interface ClientConfig {
  accessKeyId: string;
  secretAccessKey: string;
  endpoint: string;
  instancename: string;
  maxRetries?: number;
  httpOptions?: { timeout?: number; maxSockets?: number };
}

/** A column condition/filter object built by the SDK. */
export interface ColumnCondition {
  readonly __columnCondition?: never;
}
export interface CompositeCondition extends ColumnCondition {
  addSubCondition(condition: ColumnCondition): void;
}
/** `new TableStore.Condition(rowExistence, columnCondition)`. */
export interface Condition {
  readonly __condition?: never;
}

export interface TableStoreModule {
  Client: new (config: ClientConfig) => Client;
  Long: { fromNumber(n: number): Int64; fromString(s: string): Int64 };
  Condition: new (rowExistenceExpectation: number, columnCondition?: ColumnCondition | null) => Condition;
  SingleColumnCondition: new (
    columnName: string,
    columnValue: CellValue,
    comparator: number,
    passIfMissing?: boolean,
    latestVersionOnly?: boolean,
  ) => ColumnCondition;
  CompositeCondition: new (combinator: number) => CompositeCondition;
  /** Reads `limit` attribute columns of a row starting at column `offset` (by column name). */
  ColumnPaginationFilter: new (limit: number, offset: number) => ColumnCondition;
  RowExistenceExpectation: { IGNORE: 0; EXPECT_EXIST: 1; EXPECT_NOT_EXIST: 2 };
  ComparatorType: {
    EQUAL: number;
    NOT_EQUAL: number;
    GREATER_THAN: number;
    GREATER_EQUAL: number;
    LESS_THAN: number;
    LESS_EQUAL: number;
  };
  LogicalOperator: { NOT: number; AND: number; OR: number };
  Direction: { FORWARD: 'FORWARD'; BACKWARD: 'BACKWARD' };
  ReturnType: { NONE: 0; Primarykey: 1; AfterModify: 2 };
  DefinedColumnType: { DCT_INTEGER: 1; DCT_DOUBLE: 2; DCT_BOOLEAN: 3; DCT_STRING: 4 };
  PrimaryKeyType: { INTEGER: 1; STRING: 2; BINARY: 3 };
  INF_MIN: Sentinel;
  INF_MAX: Sentinel;
  PK_AUTO_INCR: Sentinel;
  /** The SDK's request encoder: operation name (e.g. 'putRow') + params -> protobuf message. */
  encoder: { encode(operation: string, params: unknown): object };
}

/** The SDK's namespace object (`require('tablestore')`). */
export const TableStore = require('tablestore') as TableStoreModule;

/** Encodes a request exactly as the SDK would, returning the protobuf message to edit or serialize. */
export function encodeRequest(operation: string, params: unknown): { message: Record<string, unknown>; bytes(): Uint8Array } {
  const message = TableStore.encoder.encode(operation, params) as Record<string, unknown>;
  const type = Object.getPrototypeOf(message).constructor as { encode(m: object): { finish(): Uint8Array } };
  return { message, bytes: () => type.encode(message).finish() };
}

/** Minimal view of the SDK's compiled protobuf messages, for the raw-HTTP tests. */
export interface PbType<T> {
  encode(message: Partial<T>): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  create(properties: Partial<T>): T;
}
export interface CompiledProto {
  main: {
    proto: {
      Error: PbType<{ code: string; message: string }>;
      ListTableRequest: PbType<Record<string, never>>;
      ListTableResponse: PbType<{ tableNames: string[] }>;
      DescribeTableRequest: PbType<{ tableName: string }>;
    };
  };
}
export const proto = require('tablestore/lib/protocol/tablestore_compiled_proto.js') as CompiledProto;
