import type { Database } from '../engine/database.js';
import { batchGetRow, batchWriteRow } from '../ops/batch-ops.js';
import { getRange } from '../ops/range-ops.js';
import { deleteRow, getRow, putRow, updateRow } from '../ops/row-ops.js';
import { createTable, deleteTable, describeTable, listTable, updateTable } from '../ops/table-ops.js';
import type { Message } from './proto.js';

export type Operation = (db: Database, request: Message) => Message;

/** The operations ots-local serves, by the path the SDK posts to. */
export const OPERATIONS: Record<string, Operation> = {
  CreateTable: createTable,
  ListTable: listTable,
  DeleteTable: deleteTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  GetRow: getRow,
  PutRow: putRow,
  UpdateRow: updateRow,
  DeleteRow: deleteRow,
  BatchGetRow: batchGetRow,
  BatchWriteRow: batchWriteRow,
  GetRange: getRange,
};

/** Operations the real service has and ots-local does not; they get a clear refusal. */
export const UNSUPPORTED: Record<string, string> = {
  ListSearchIndex: 'search indexes',
  DescribeSearchIndex: 'search indexes',
  CreateSearchIndex: 'search indexes',
  UpdateSearchIndex: 'search indexes',
  DeleteSearchIndex: 'search indexes',
  Search: 'search indexes',
  ComputeSplits: 'parallel scan',
  ParallelScan: 'parallel scan',
  CreateIndex: 'secondary indexes',
  DropIndex: 'secondary indexes',
  StartLocalTransaction: 'local transactions',
  CommitTransaction: 'local transactions',
  AbortTransaction: 'local transactions',
  SQLQuery: 'SQL queries',
  ListStream: 'streams',
  DescribeStream: 'streams',
  GetShardIterator: 'streams',
  GetStreamRecord: 'streams',
  ComputeSplitPointsBySize: 'split points',
};
