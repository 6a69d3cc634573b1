import type { Database } from '../engine/database.js';
import { invalidParameter } from '../engine/errors.js';
import { encodeRowKey } from '../engine/keys.js';
import { project } from '../engine/reads.js';
import { capacityUnits, rowSize } from '../engine/row.js';
import type { WriteCommand, WriteOutcome } from '../engine/writes.js';
import { writeRows, type ResponseRow } from '../plainbuffer/index.js';
import type { Message } from '../server/proto.js';
import { consumed, decodeCondition, decodeReadOptions, decodeReturnContent, decodeRow } from './decode.js';

export const EMPTY = Buffer.alloc(0);

export function encodeRow(row: ResponseRow | null): Buffer {
  return row ? writeRows([row]) : EMPTY;
}

/** GetRow and each BatchGetRow row: the projected row (or empty bytes) and read units used. */
export function readOne(db: Database, tableName: string, keyBytes: Uint8Array, request: Message): { row: Buffer; read: number } {
  const table = db.table(tableName);
  const key = encodeRowKey(table.schema, decodeRow(keyBytes, 'primary key').primaryKey);
  const options = decodeReadOptions(request);
  const stored = table.rows.get(key);
  const shaped = stored ? project(table, stored, options, db.now()) : null;
  return { row: encodeRow(shaped), read: capacityUnits(stored ? rowSize(stored, table.keyNames) : 0) };
}

export function getRow(db: Database, request: Message): Message {
  const { row, read } = readOne(db, request.tableName as string, request.primaryKey as Uint8Array, request);
  return { consumed: consumed(read, 0), row };
}

/** Builds the engine command for a put, update or delete from its PlainBuffer row. */
export function writeCommand(kind: WriteCommand['kind'], rowBytes: Uint8Array, request: Message): WriteCommand {
  const row = decodeRow(rowBytes, kind === 'delete' ? 'primary key' : 'row');
  if (kind === 'delete' && row.cells.length > 0) throw invalidParameter('DeleteRow can not carry attribute columns.');
  if (kind !== 'delete' && row.deleteMarker) throw invalidParameter('Only DeleteRow can carry a delete marker.');
  return {
    kind,
    primaryKey: row.primaryKey,
    cells: row.cells,
    condition: decodeCondition(request.condition as Message | undefined),
    returnContent: decodeReturnContent(request.returnContent as Message | undefined),
  };
}

function writeResponse(outcome: WriteOutcome): Message {
  return { consumed: consumed(outcome.read, outcome.write), row: encodeRow(outcome.returned) };
}

export function putRow(db: Database, request: Message): Message {
  return writeResponse(db.write(request.tableName as string, writeCommand('put', request.row as Uint8Array, request)));
}

export function updateRow(db: Database, request: Message): Message {
  return writeResponse(db.write(request.tableName as string, writeCommand('update', request.rowChange as Uint8Array, request)));
}

export function deleteRow(db: Database, request: Message): Message {
  return writeResponse(db.write(request.tableName as string, writeCommand('delete', request.primaryKey as Uint8Array, request)));
}
