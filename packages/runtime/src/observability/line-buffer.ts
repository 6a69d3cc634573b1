/** Where a LineBuffer's chunks go: an FdWriter in production, anything alike in tests. */
export interface LineTarget {
  write(chunk: string): void;
  /** Calls back once everything written so far is out. */
  whenDrained(callback: () => void): void;
  /** Writes everything now, as far as the target can (exit paths). */
  drainSync(): void;
}

/**
 * A pino destination that holds lines until `minLength` characters wait, then hands them on as one
 * chunk; `flush()` (every second, from the logger) and `flushSync()` (on exit) hand on the rest. A
 * line costs one string append: the copy and the write happen once per chunk, in order.
 *
 * Why not pino's sonic-boom: it measures the byte length of its whole pending buffer on every
 * write, flattening and copying up to 16 KiB per line (~2.5 µs of a ~30 µs request at load).
 *
 * @example
 * const destination = new LineBuffer(new FdWriter(1));
 * const logger = pino({}, destination);
 */
export class LineBuffer {
  private pending = '';

  constructor(
    private readonly target: LineTarget,
    private readonly minLength = 4096,
  ) {}

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= this.minLength) this.handOn();
    return true;
  }

  /** Hands on the waiting lines; `callback` once they are out (pino's `logger.flush(cb)`). */
  flush(callback?: (error?: Error) => void): void {
    this.handOn();
    if (callback) this.target.whenDrained(() => callback());
  }

  flushSync(): void {
    this.handOn();
    this.target.drainSync();
  }

  private handOn(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = '';
    this.target.write(chunk);
  }
}
