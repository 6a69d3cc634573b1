import type { Message } from '../server/proto.js';
import type { UnitKind } from './throttle.js';

const READS = new Set(['GetRow', 'GetRange', 'BatchGetRow']);
const WRITES = new Set(['PutRow', 'UpdateRow', 'DeleteRow', 'BatchWriteRow']);

/** The tables a decoded request names (none for ListTable). */
export function tablesOf(operation: string, request: Message): string[] {
  if (operation === 'BatchGetRow' || operation === 'BatchWriteRow')
    return ((request.tables as Message[] | undefined) ?? []).map((t) => t.tableName as string);
  if (operation === 'CreateTable') return [request.tableMeta?.tableName as string].filter(Boolean);
  return typeof request.tableName === 'string' ? [request.tableName] : [];
}

/** Which capacity a call draws on: row reads read units, row writes write units, table operations none. */
export function unitKindsOf(operation: string): UnitKind[] {
  if (READS.has(operation)) return ['read'];
  if (WRITES.has(operation)) return ['write'];
  return [];
}

/** Capacity units a response says were consumed, by table. */
export function consumedByTable(
  operation: string,
  request: Message,
  response: Message,
): Map<string, { read: number; write: number }> {
  const out = new Map<string, { read: number; write: number }>();
  const add = (table: string, consumed: Message | undefined) => {
    const unit = consumed?.capacityUnit as Message | undefined;
    const sum = out.get(table) ?? { read: 0, write: 0 };
    sum.read += Number(unit?.read ?? 0);
    sum.write += Number(unit?.write ?? 0);
    out.set(table, sum);
  };
  if (operation === 'BatchGetRow' || operation === 'BatchWriteRow') {
    for (const table of (response.tables as Message[] | undefined) ?? [])
      for (const row of (table.rows as Message[] | undefined) ?? []) add(table.tableName as string, row.consumed as Message);
  } else if (unitKindsOf(operation).length > 0) {
    add(request.tableName as string, response.consumed as Message | undefined);
  }
  return out;
}
