import type { EncodedKey } from './keys.js';
import type { StoredRow } from './row.js';
import type { TableSchema } from './schema.js';

/** What the database tells its journal: every change, as the state it leaves behind. */
export type JournalRecord =
  | { type: 'create-table'; schema: TableSchema }
  | { type: 'update-table'; schema: TableSchema }
  | { type: 'delete-table'; name: string }
  | { type: 'row'; table: string; key: EncodedKey; row: StoredRow | null };

export interface Journal {
  /** Records a change that has just been applied in memory; durable once `barrier()` resolves. */
  append(record: JournalRecord): void;
}

export const noJournal: Journal = { append: () => {} };
