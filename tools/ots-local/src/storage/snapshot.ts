import { open, readFile, rename } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { EncodedKey } from '../engine/keys.js';
import type { StoredRow } from '../engine/row.js';
import type { TableSchema } from '../engine/schema.js';
import type { Table } from '../engine/table.js';
import { frame, scan } from './records.js';

const CHUNK_ROWS = 2000;
const FORMAT = 1;

type SnapshotRecord =
  | { kind: 'header'; format: number; tables: TableSchema[] }
  | { kind: 'rows'; table: string; rows: [EncodedKey, StoredRow][] }
  | { kind: 'end'; rows: number };

export interface SnapshotSource {
  schema: TableSchema;
  rows: Table['rows'];
}

/**
 * Writes a snapshot of frozen tables (cloned indexes: writes go on meanwhile) to `path` through a
 * temporary file, synced and renamed, so a crash leaves either the old snapshot or the new one.
 * Rows are written in chunks with a yield between, so serving goes on while it runs.
 */
export async function writeSnapshot(path: string, tables: SnapshotSource[]): Promise<number> {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w');
  let rows = 0;
  try {
    const put = (record: SnapshotRecord) => file.write(frame(serialize(record)));
    await put({ kind: 'header', format: FORMAT, tables: tables.map((table) => table.schema) });
    for (const table of tables) {
      let chunk: [EncodedKey, StoredRow][] = [];
      for (const entry of table.rows.entries()) {
        chunk.push(entry);
        if (chunk.length === CHUNK_ROWS) {
          await put({ kind: 'rows', table: table.schema.name, rows: chunk });
          rows += chunk.length;
          chunk = [];
        }
      }
      if (chunk.length > 0) await put({ kind: 'rows', table: table.schema.name, rows: chunk });
      rows += chunk.length;
    }
    await put({ kind: 'end', rows });
    await file.datasync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  return rows;
}

export interface LoadedSnapshot {
  schemas: TableSchema[];
  rows: Map<string, [EncodedKey, StoredRow][]>;
}

/** Reads a snapshot; undefined when it is incomplete or damaged (then an older one is used). */
export async function readSnapshot(path: string): Promise<LoadedSnapshot | undefined> {
  const { payloads, damage } = scan(await readFile(path));
  if (damage) return undefined;
  const records = payloads.map((payload) => deserialize(payload) as SnapshotRecord);
  const header = records[0];
  const end = records.at(-1);
  if (header?.kind !== 'header' || header.format !== FORMAT || end?.kind !== 'end') return undefined;
  const rows = new Map<string, [EncodedKey, StoredRow][]>();
  for (const record of records) {
    if (record.kind !== 'rows') continue;
    const list = rows.get(record.table) ?? [];
    for (const entry of record.rows) list.push(entry);
    rows.set(record.table, list);
  }
  return { schemas: header.tables, rows };
}
