import { OtsError, tableAlreadyExists, tableNotFound } from './errors.js';
import type { Journal, JournalRecord } from './journal.js';
import { checkOptions, checkSchema, checkTableName, type TableOptions, type TableSchema } from './schema.js';
import { Table } from './table.js';
import { planWrite, type WriteCommand, type WriteOutcome } from './writes.js';

const MAX_TABLES = 64;

export interface TableUpdate {
  options?: Partial<TableOptions>;
  reservedRead?: number;
  reservedWrite?: number;
}

/**
 * All tables of one instance. Every change is applied in memory and handed to the journal in the
 * same synchronous step, so no other request can see a state between a condition and its write.
 */
export class Database {
  private readonly tables = new Map<string, Table>();

  constructor(
    private readonly journal: Journal,
    private readonly clock: () => number = Date.now,
  ) {}

  now(): number {
    return this.clock();
  }

  table(name: string): Table {
    checkTableName(name);
    const table = this.tables.get(name);
    if (!table) throw tableNotFound();
    return table;
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  allTables(): Table[] {
    return [...this.tables.values()];
  }

  createTable(schema: TableSchema): void {
    checkSchema(schema);
    if (this.tables.has(schema.name)) throw tableAlreadyExists();
    if (this.tables.size >= MAX_TABLES) throw new OtsError(403, 'OTSQuotaExhausted', 'Number of tables exceeded the quota.');
    this.commit({ type: 'create-table', schema });
  }

  updateTable(name: string, update: TableUpdate): TableSchema {
    const current = this.table(name).schema;
    const options = { ...current.options, ...update.options };
    checkOptions(options);
    const nowSeconds = Math.floor(this.now() / 1000);
    const read = update.reservedRead ?? current.reservedRead;
    const write = update.reservedWrite ?? current.reservedWrite;
    const increased = read > current.reservedRead || write > current.reservedWrite;
    const decreased = read < current.reservedRead || write < current.reservedWrite;
    const schema: TableSchema = {
      ...current,
      options,
      reservedRead: read,
      reservedWrite: write,
      lastIncreaseTime: increased ? nowSeconds : current.lastIncreaseTime,
      ...(decreased ? { lastDecreaseTime: nowSeconds } : {}),
    };
    this.commit({ type: 'update-table', schema });
    return schema;
  }

  deleteTable(name: string): void {
    this.table(name);
    this.commit({ type: 'delete-table', name });
  }

  /** Checks, applies and journals one row write; throws the service's error when refused. */
  write(tableName: string, command: WriteCommand): WriteOutcome {
    const outcome = planWrite(this.table(tableName), command, this.now());
    if (outcome.changed) this.commit({ type: 'row', table: tableName, key: outcome.key, row: outcome.row });
    return outcome;
  }

  /** Applies a journal record without journaling it again (recovery). */
  replay(record: JournalRecord): void {
    switch (record.type) {
      case 'create-table':
        this.tables.set(record.schema.name, new Table(record.schema));
        return;
      case 'update-table': {
        const table = this.tables.get(record.schema.name);
        if (table) table.schema = record.schema;
        return;
      }
      case 'delete-table':
        this.tables.delete(record.name);
        return;
      case 'row':
        this.tables.get(record.table)?.apply(record.key, record.row);
        return;
    }
  }

  /** Puts a whole table back from a snapshot. */
  restore(table: Table): void {
    this.tables.set(table.schema.name, table);
  }

  private commit(record: JournalRecord): void {
    this.replay(record);
    this.journal.append(record);
  }
}
