import type { Database } from '../engine/database.js';
import { invalidParameter, OtsError } from '../engine/errors.js';
import type { WriteCommand } from '../engine/writes.js';
import type { Message } from '../server/proto.js';
import { consumed } from './decode.js';
import { encodeRow, readOne, writeCommand } from './row-ops.js';

const MAX_BATCH_GET = 100;
const MAX_BATCH_WRITE = 200;
const MAX_BATCH_WRITE_BYTES = 4 * 1024 * 1024;
const OPERATION_TYPES: Record<number, WriteCommand['kind']> = { 1: 'put', 2: 'update', 3: 'delete' };

/** A failed row in a batch: its own error, the other rows go on (a batch is not atomic). */
function failedRow(error: unknown): Message {
  if (!(error instanceof OtsError)) throw error;
  return { isOk: false, error: { code: error.code, message: error.message } };
}

export function batchGetRow(db: Database, request: Message): Message {
  const tables = request.tables as Message[];
  const count = tables.reduce((sum, table) => sum + (table.primaryKey as unknown[]).length, 0);
  if (count > MAX_BATCH_GET) throw invalidParameter(`Rows count exceeds the upper limit: ${MAX_BATCH_GET}.`);
  if (count === 0) throw invalidParameter('No row is specified in BatchGetRow.');
  return {
    tables: tables.map((table) => ({
      tableName: table.tableName,
      rows: (table.primaryKey as Uint8Array[]).map((key) => {
        try {
          const { row, read } = readOne(db, table.tableName as string, key, table);
          return { isOk: true, consumed: consumed(read, 0), row };
        } catch (error) {
          return failedRow(error);
        }
      }),
    })),
  };
}

export function batchWriteRow(db: Database, request: Message): Message {
  const tables = request.tables as Message[];
  const count = tables.reduce((sum, table) => sum + (table.rows as unknown[]).length, 0);
  if (count > MAX_BATCH_WRITE) throw invalidParameter(`Rows count exceeds the upper limit: ${MAX_BATCH_WRITE}.`);
  if (count === 0) throw invalidParameter('No row is specified in BatchWriteRow.');
  const bytes = tables.reduce(
    (sum, table) => sum + (table.rows as Message[]).reduce((inner, row) => inner + (row.rowChange as Uint8Array).length, 0),
    0,
  );
  if (bytes > MAX_BATCH_WRITE_BYTES) throw invalidParameter(`The total data size of BatchWriteRow exceeds 4 MB: ${bytes}.`);
  const names = tables.map((table) => table.tableName as string);
  if (new Set(names).size !== names.length) throw invalidParameter('The same table appears twice in BatchWriteRow.');
  return {
    tables: tables.map((table) => ({
      tableName: table.tableName,
      rows: (table.rows as Message[]).map((row) => {
        try {
          const kind = OPERATION_TYPES[row.type as number];
          if (!kind) throw invalidParameter(`Invalid operation type: ${row.type}.`);
          const outcome = db.write(table.tableName as string, writeCommand(kind, row.rowChange as Uint8Array, row));
          return { isOk: true, consumed: consumed(outcome.read, outcome.write), row: encodeRow(outcome.returned) };
        } catch (error) {
          return failedRow(error);
        }
      }),
    })),
  };
}
