/**
 * The log store: JSON lines appended to segments (files under a directory, or memory without one),
 * a total size bound kept by deleting the oldest segment, and queries that scan newest first.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { LogLine, PreparedLine } from './log-line.js';
import { compileQuery, type LogQuery } from './log-query.js';
import { activeName, recoverSegments, rolledName, splitLines, type Segment } from './segments.js';
import { mayHold, statusBits, UNKNOWN_MASK } from './status-mask.js';

/** Options of {@link LogStore}. */
export interface LogStoreOptions {
  /** Where the segment files go; without one the lines stay in memory (same bound). */
  dir?: string;
  /** The bound on all segments together. Default 64 MiB. */
  maxBytes?: number;
  /** Size at which a segment is full. Default maxBytes / 16, from 16 KiB to 8 MiB. */
  segmentBytes?: number;
  /** How often appended lines are written to the file. Default 200 ms. */
  flushMs?: number;
}

/** One page of a query, newest line first. */
export interface LogPage {
  items: LogLine[];
  nextCursor: string | null;
}

const MiB = 1024 * 1024;
const MAX_LINE_CHARS = 64 * 1024;
const FLUSH_CHARS = 256 * 1024;

/**
 * JSON lines kept within a size bound, queried newest first.
 *
 * @example
 * const logs = new LogStore({ dir: '.data/logs', maxBytes: 64 * 1024 * 1024 });
 * logs.append({ time: Date.now(), source: 'gateway', requestId: 'r1', status: 200 });
 * const { items } = await logs.query({ requestId: 'r1' });
 * logs.close();
 */
export class LogStore {
  readonly dir: string | undefined;
  readonly maxBytes: number;
  readonly segmentBytes: number;
  private readonly rolled: Segment[];
  private active: Segment;
  private total: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private fd: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(options: LogStoreOptions = {}) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes ?? 64 * MiB;
    this.segmentBytes = options.segmentBytes ?? Math.min(8 * MiB, Math.max(16 * 1024, Math.floor(this.maxBytes / 16)));
    if (!(this.maxBytes > 0) || !(this.segmentBytes > 0) || this.segmentBytes > this.maxBytes)
      throw new RangeError(`LogStore: need 0 < segmentBytes (${this.segmentBytes}) <= maxBytes (${this.maxBytes})`);
    if (this.dir !== undefined) mkdirSync(this.dir, { recursive: true });
    this.rolled = this.dir === undefined ? [] : recoverSegments(this.dir);
    this.total = this.rolled.reduce((sum, segment) => sum + segment.bytes, 0);
    this.active = this.newSegment((this.rolled.at(-1)?.seq ?? 0) + 1);
    this.trim();
    this.timer = setInterval(() => this.flush(), options.flushMs ?? 200);
    this.timer.unref();
  }

  /**
   * Appends one line: an object, or a line already in compact JSON with its time. Lines over 64 KiB
   * keep their identifying fields and the start of their text.
   */
  append(line: LogLine | PreparedLine): void {
    let raw: string;
    if (isPrepared(line)) {
      raw = line.raw.length > MAX_LINE_CHARS ? JSON.stringify(truncated(parsedOr(line), line.raw)) : line.raw;
    } else {
      raw = JSON.stringify(line);
      if (raw.length > MAX_LINE_CHARS) raw = JSON.stringify(truncated(line, raw));
    }
    const size = Buffer.byteLength(raw) + 1;
    if (this.active.bytes > 0 && this.active.bytes + size > this.segmentBytes) this.roll();
    this.active.lines!.push(raw);
    this.active.bytes += size;
    this.active.minTime = Math.min(this.active.minTime, line.time);
    this.active.maxTime = Math.max(this.active.maxTime, line.time);
    this.active.statusMask |= statusBits(raw);
    this.total += size;
    if (this.dir !== undefined) {
      this.pending.push(raw);
      this.pendingChars += raw.length;
      if (this.pendingChars >= FLUSH_CHARS) this.flush();
    }
    this.trim();
  }

  /**
   * The lines that match, `limit` at most (default 100), with a cursor to the next page when there
   * may be more. Segments are scanned in the order lines arrived, newest first; a function's lines
   * arrive up to about a second after the gateway's (its instance buffers them), so each page is
   * sorted by `time`, newest first, and the next page may reach that much later in time.
   */
  async query(query: LogQuery): Promise<LogPage> {
    const limit = query.limit ?? 100;
    const test = compileQuery(query);
    const from = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const items: LogLine[] = [];
    const segments = [...this.rolled, this.active].reverse();
    for (const segment of segments) {
      if (from && segment.seq > from.seq) continue;
      if (segment.minTime > segment.maxTime) continue;
      if (query.since !== undefined && segment.maxTime < query.since) continue;
      if (query.until !== undefined && segment.minTime > query.until) continue;
      if (!mayHold(segment.statusMask, query.status)) continue;
      const lines = await this.linesOf(segment);
      const start = from && segment.seq === from.seq ? Math.min(from.index, lines.length) : lines.length;
      for (let i = start - 1; i >= 0; i--) {
        const raw = lines[i]!;
        if (!test.mayMatch(raw)) continue;
        let line: LogLine;
        try {
          line = JSON.parse(raw) as LogLine;
        } catch {
          continue;
        }
        if (!test.matches(line)) continue;
        items.push(line);
        if (items.length === limit) return { items: byTime(items), nextCursor: encodeCursor({ seq: segment.seq, index: i }) };
      }
    }
    return { items: byTime(items), nextCursor: null };
  }

  /** Writes appended lines to the active segment's file now. */
  flush(): void {
    if (this.dir === undefined || this.pending.length === 0) return;
    this.fd ??= openSync(join(this.dir, activeName(this.active.seq)), 'a');
    writeSync(this.fd, `${this.pending.join('\n')}\n`);
    this.pending = [];
    this.pendingChars = 0;
  }

  /** What the store holds now. */
  stats(): { bytes: number; segments: number; oldestSeq: number } {
    return { bytes: this.total, segments: this.rolled.length + 1, oldestSeq: (this.rolled[0] ?? this.active).seq };
  }

  /** Writes what is pending, marks the active segment full (its file named with its range) and stops the timer. */
  close(): void {
    clearInterval(this.timer);
    this.roll();
  }

  private roll(): void {
    this.flush();
    const full = this.active;
    if (this.dir !== undefined) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      if (full.bytes > 0) {
        full.file = join(this.dir, rolledName(full));
        renameSync(join(this.dir, activeName(full.seq)), full.file);
      }
      delete full.lines;
    }
    if (full.bytes > 0) this.rolled.push(full);
    this.active = this.newSegment(full.seq + 1);
  }

  /** Deletes the oldest full segments until the store is within its bound. */
  private trim(): void {
    while (this.total > this.maxBytes && this.rolled.length > 0) {
      const oldest = this.rolled.shift()!;
      this.total -= oldest.bytes;
      if (oldest.file !== undefined) rmSync(oldest.file, { force: true });
    }
  }

  private async linesOf(segment: Segment): Promise<string[]> {
    if (segment.lines) return segment.lines;
    try {
      const lines = splitLines(await readFile(segment.file!, 'utf8'));
      if (segment.statusMask === UNKNOWN_MASK) segment.statusMask = lines.reduce((mask, raw) => mask | statusBits(raw), 0);
      return lines;
    } catch (error) {
      // Deleted by trim() while the query ran: its lines are gone from the store.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private newSegment(seq: number): Segment {
    return { seq, bytes: 0, statusMask: 0, minTime: Infinity, maxTime: -Infinity, lines: [] };
  }
}

function parsedOr(line: PreparedLine): LogLine {
  try {
    return JSON.parse(line.raw) as LogLine;
  } catch {
    return { time: line.time, source: 'function' };
  }
}

function isPrepared(line: LogLine | PreparedLine): line is PreparedLine {
  return typeof line.raw === 'string' && !('source' in line);
}

/** Newest first; lines of the same millisecond keep their order. */
function byTime(items: LogLine[]): LogLine[] {
  return items.sort((a, b) => b.time - a.time);
}

function truncated(line: LogLine, raw: string): LogLine {
  const keep = ['time', 'source', 'level', 'function', 'instance', 'requestId', 'route', 'status', 'channel'];
  const fields = Object.fromEntries(keep.filter((key) => key in line).map((key) => [key, line[key]]));
  return { ...fields, time: line.time, source: line.source, truncated: raw.length, msg: raw.slice(0, 8192) };
}
