import { mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Database } from '../engine/database.js';
import type { Journal, JournalRecord } from '../engine/journal.js';
import { Table } from '../engine/table.js';
import type { Logger } from '../log.js';
import { scan } from './records.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { WriteAheadLog } from './wal.js';

const SNAPSHOT_AFTER_BYTES = 64 * 1024 * 1024;
const walName = (seq: number) => `wal-${String(seq).padStart(10, '0')}.log`;
const snapshotName = (seq: number) => `snapshot-${String(seq).padStart(10, '0')}.snap`;
const sequenceOf = (name: string) => Number(/-(\d{10})\./.exec(name)?.[1]);

/**
 * The data directory: snapshots plus write-ahead log segments. Snapshot N holds the state at the
 * start of segment N; recovery loads the newest whole snapshot and replays the segments after it.
 */
export class DataDir implements Journal {
  private wal!: WriteAheadLog;
  private sequence = 0;
  private retiring: Promise<void> | undefined;
  private snapshotting = false;

  private constructor(
    private readonly dir: string,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly snapshotAfterBytes: number,
  ) {}

  /** Opens (and locks) a data directory and loads its contents into `db`. */
  static async open(dir: string, db: Database, log: Logger, snapshotAfterBytes = SNAPSHOT_AFTER_BYTES): Promise<DataDir> {
    await mkdir(dir, { recursive: true });
    const store = new DataDir(dir, db, log, snapshotAfterBytes);
    await store.lock();
    await store.recover();
    return store;
  }

  append(record: JournalRecord): void {
    this.wal.append(serialize(record));
    if (this.wal.size >= this.snapshotAfterBytes && !this.snapshotting) void this.snapshot();
  }

  /** Resolves once every change made so far is on disk. */
  barrier(): Promise<void> {
    const current = this.wal.barrier();
    return this.retiring ? Promise.all([this.retiring, current]).then(() => undefined) : current;
  }

  async close(): Promise<void> {
    await this.barrier();
    await this.wal.close();
    await rm(join(this.dir, 'LOCK'), { force: true });
  }

  /**
   * Starts a new segment and writes a snapshot of the state at its start from cloned indexes, then
   * drops what the snapshot makes redundant. Writes go on meanwhile into the new segment.
   */
  async snapshot(): Promise<void> {
    this.snapshotting = true;
    try {
      const sequence = this.sequence + 1;
      const tables = this.db.allTables().map((table) => ({ schema: table.schema, rows: table.rows.clone() }));
      await this.rotate(sequence);
      const started = Date.now();
      const rows = await writeSnapshot(join(this.dir, snapshotName(sequence)), tables);
      await this.removeBefore(sequence);
      this.log({ level: 'info', event: 'snapshot', sequence, rows, ms: Date.now() - started });
    } catch (error) {
      this.log({ level: 'error', event: 'snapshot-failed', error: String(error) });
    } finally {
      this.snapshotting = false;
    }
  }

  private async rotate(sequence: number): Promise<void> {
    const previous = this.wal;
    this.wal = await WriteAheadLog.open(join(this.dir, walName(sequence)));
    this.sequence = sequence;
    this.retiring = previous.close().finally(() => (this.retiring = undefined));
  }

  private async removeBefore(sequence: number): Promise<void> {
    for (const name of await readdir(this.dir)) {
      if ((name.endsWith('.log') || name.endsWith('.snap')) && sequenceOf(name) < sequence) await rm(join(this.dir, name));
    }
  }

  private async recover(): Promise<void> {
    const started = Date.now();
    const names = await readdir(this.dir);
    for (const name of names.filter((file) => file.endsWith('.tmp'))) await rm(join(this.dir, name));
    const snapshots = names
      .filter((name) => name.endsWith('.snap'))
      .map(sequenceOf)
      .sort((a, b) => b - a);
    let base = 0;
    for (const sequence of snapshots) {
      const loaded = await readSnapshot(join(this.dir, snapshotName(sequence)));
      if (!loaded) {
        this.log({ level: 'warn', event: 'snapshot-unreadable', file: snapshotName(sequence) });
        continue;
      }
      for (const schema of loaded.schemas) {
        const table = new Table(schema);
        for (const [key, row] of loaded.rows.get(schema.name) ?? []) table.apply(key, row);
        this.db.restore(table);
      }
      base = sequence;
      break;
    }
    const segments = names
      .filter((name) => name.endsWith('.log'))
      .map(sequenceOf)
      .filter((seq) => seq >= base)
      .sort((a, b) => a - b);
    let records = 0;
    for (const sequence of segments) records += await this.replaySegment(sequence, sequence === segments.at(-1));
    this.sequence = segments.at(-1) ?? base;
    this.wal = await WriteAheadLog.open(join(this.dir, walName(this.sequence)));
    this.log({
      level: 'info',
      event: 'recovered',
      snapshot: base || null,
      segments: segments.length,
      records,
      ms: Date.now() - started,
    });
  }

  private async replaySegment(sequence: number, last: boolean): Promise<number> {
    const path = join(this.dir, walName(sequence));
    const { payloads, validLength, damage } = scan(await readFile(path));
    for (const payload of payloads) this.db.replay(deserialize(payload) as JournalRecord);
    if (damage) {
      // A torn tail is what a crash mid-append leaves: the records before it are whole, and
      // nothing after it was ever acknowledged. Cut it so new records follow the last whole one.
      this.log({ level: 'warn', event: 'log-tail-cut', file: walName(sequence), reason: damage, keptBytes: validLength, last });
      await truncate(path, validLength);
    }
    return payloads.length;
  }

  /**
   * One server per directory, in this process or another: the lock file is created exclusively
   * and holds the owner's pid. A lock whose owner is gone (kill -9) is taken over.
   */
  private async lock(): Promise<void> {
    const path = join(this.dir, 'LOCK');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.sync();
        await handle.close();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (owner && isAlive(owner)) throw new Error(`The data directory ${this.dir} is in use by ots-local process ${owner}.`);
      this.log({ level: 'warn', event: 'stale-lock-taken-over', dir: this.dir, owner: owner || null });
      await rm(path, { force: true });
    }
    throw new Error(`Could not lock the data directory ${this.dir}.`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
