import type { Database } from '../engine/database.js';
import { encodeBound } from '../engine/keys.js';
import { readRange } from '../engine/range.js';
import { writePrimaryKey, writeRows } from '../plainbuffer/index.js';
import { has, type Message } from '../server/proto.js';
import { consumed, decodeReadOptions, decodeRow } from './decode.js';
import { EMPTY } from './row-ops.js';

export function getRange(db: Database, request: Message): Message {
  const table = db.table(request.tableName as string);
  const start = decodeRow(request.inclusiveStartPrimaryKey as Uint8Array, 'inclusive start primary key');
  const end = decodeRow(request.exclusiveEndPrimaryKey as Uint8Array, 'exclusive end primary key');
  const page = readRange(
    table,
    {
      ...decodeReadOptions(request),
      start: encodeBound(table.schema, start.primaryKey),
      end: encodeBound(table.schema, end.primaryKey),
      direction: request.direction === 1 ? 'backward' : 'forward',
      ...(has(request, 'limit') ? { limit: request.limit as number } : {}),
    },
    db.now(),
  );
  return {
    consumed: consumed(page.read, 0),
    rows: page.rows.length > 0 ? writeRows(page.rows) : EMPTY,
    ...(page.next ? { nextStartPrimaryKey: writePrimaryKey(page.next) } : {}),
  };
}
