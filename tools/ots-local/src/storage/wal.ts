import { open, type FileHandle } from 'node:fs/promises';
import { frame } from './records.js';

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * One append-only log file with group commit: appends made while a write and fsync are under way
 * are written and synced together next, so many concurrent writes share one fsync. `barrier()`
 * resolves once every record appended before it is on disk; nothing is acknowledged before that.
 */
export class WriteAheadLog {
  private pending: Buffer[] = [];
  private appended = 0;
  private synced = 0;
  private flushing = false;
  private scheduled = false;
  private failure: Error | undefined;
  private waiters: Waiter[] = [];

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    private written: number,
  ) {
    this.appended = written;
    this.synced = written;
  }

  static async open(path: string): Promise<WriteAheadLog> {
    const file = await open(path, 'a');
    const { size } = await file.stat();
    return new WriteAheadLog(path, file, size);
  }

  /** Bytes in the file once everything appended is written. */
  get size(): number {
    return this.appended;
  }

  append(payload: Buffer): void {
    if (this.failure) throw this.failure;
    const record = frame(payload);
    this.pending.push(record);
    this.appended += record.length;
  }

  barrier(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ target: this.appended, resolve, reject });
      this.schedule();
    });
  }

  async close(): Promise<void> {
    await this.barrier();
    await this.file.close();
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    const batch = this.pending;
    this.pending = [];
    const bytes = Buffer.concat(batch);
    const target = this.written + bytes.length;
    try {
      for (let offset = 0; offset < bytes.length;) {
        const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      await this.file.datasync();
      this.written = target;
      this.synced = target;
      const ready = this.waiters.filter((waiter) => waiter.target <= target);
      this.waiters = this.waiters.filter((waiter) => waiter.target > target);
      for (const waiter of ready) waiter.resolve();
    } catch (error) {
      // The memory holds changes the disk may not: refuse everything from now on (fail-stop).
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
    if (this.pending.length > 0 || this.waiters.length > 0) this.schedule();
  }
}
