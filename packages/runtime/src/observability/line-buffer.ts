/** What a LineBuffer hands its lines to: pino's sonic-boom destination. */
export interface LineTarget {
  write(chunk: string): unknown;
  flush(callback?: (error?: Error) => void): void;
  flushSync(): void;
}

/** Buffers holding lines right now: written out synchronously if the process exits mid-turn. */
const holding = new Set<LineBuffer>();
let exitHooked = false;

/**
 * A log destination that gathers the lines of one event-loop turn and hands them to its target
 * as one chunk (sooner once `chunkLength` characters are waiting). Lines keep their order and
 * reach the target in the same turn, so its own buffering, periodic flush and exit handling apply
 * unchanged.
 *
 * Why: sonic-boom measures the byte length of its whole pending buffer on every write, which
 * flattens and copies up to 16 KiB per line; with one access line per request that was ~2.5 µs of
 * a ~30 µs request. Appending to a string here costs next to nothing and the copy happens once
 * per chunk.
 *
 * @example
 * const destination = new LineBuffer(pino.destination({ dest: 1, sync: false, minLength: 4096 }));
 * const logger = pino({}, destination);
 */
export class LineBuffer {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly target: LineTarget,
    private readonly chunkLength = 4096,
  ) {}

  write(line: string): boolean {
    this.pending += line;
    if (this.pending.length >= this.chunkLength) this.drain();
    else if (!this.scheduled) this.schedule();
    return true;
  }

  /** Hands the waiting lines to the target, then flushes it (pino's `logger.flush()`). */
  flush(callback?: (error?: Error) => void): void {
    this.drain();
    this.target.flush(callback);
  }

  flushSync(): void {
    this.drain();
    this.target.flushSync();
  }

  private schedule(): void {
    this.scheduled = true;
    holding.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.on('exit', drainAllSync);
    }
    setImmediate(this.endOfTurn);
  }

  private readonly endOfTurn = (): void => {
    this.scheduled = false;
    this.drain();
  };

  private drain(): void {
    holding.delete(this);
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = '';
    this.target.write(chunk);
  }
}

/** `process.exit()` or a crash mid-turn: no setImmediate will run, so write what is held now. */
function drainAllSync(): void {
  for (const buffer of [...holding]) {
    try {
      buffer.flushSync();
    } catch {
      // Exiting: nowhere left to report a failed log write.
    }
  }
}
