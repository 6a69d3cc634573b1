/**
 * Segment files of the log store: JSON lines appended to `segment-<seq>.jsonl` while a segment is
 * active, renamed `segment-<seq>-<minTime>-<maxTime>.jsonl` when it is full, so that the index of
 * time ranges is rebuilt from the names alone when the store opens again.
 */
import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lineTime } from '../time.js';
import { UNKNOWN_MASK } from './status-mask.js';

/** One segment in the store's index. */
export interface Segment {
  seq: number;
  /** Bytes of its lines, newlines included. */
  bytes: number;
  /** The kinds of status its lines have (status-mask.ts). */
  statusMask: number;
  /** Smallest and largest line `time` in it (Infinity and -Infinity when empty). */
  minTime: number;
  maxTime: number;
  /** Its lines, while it is active, and always for a store without a directory. */
  lines?: string[];
  /** Its file, for a store with a directory. */
  file?: string;
}

const ACTIVE = /^segment-(\d+)\.jsonl$/;
const ROLLED = /^segment-(\d+)-(\d+)-(\d+)\.jsonl$/;

/** The file name of an active segment. */
export function activeName(seq: number): string {
  return `segment-${String(seq).padStart(8, '0')}.jsonl`;
}

/** The file name of a full segment, with its time range. */
export function rolledName(segment: Segment): string {
  const range = segment.minTime > segment.maxTime ? '0-0' : `${segment.minTime}-${segment.maxTime}`;
  return `segment-${String(segment.seq).padStart(8, '0')}-${range}.jsonl`;
}

/**
 * The segments of `dir`, oldest first. A segment left active by a process that stopped is read
 * once for its time range and renamed as full; other files in the directory are not the store's.
 *
 * @example
 * const segments = recoverSegments('.data/logs');
 */
export function recoverSegments(dir: string): Segment[] {
  const found: Segment[] = [];
  for (const name of readdirSync(dir)) {
    const rolled = ROLLED.exec(name);
    if (rolled) {
      const bytes = sizeOf(join(dir, name));
      found.push({
        seq: Number(rolled[1]),
        bytes,
        statusMask: UNKNOWN_MASK,
        minTime: Number(rolled[2]),
        maxTime: Number(rolled[3]),
        file: join(dir, name),
      });
      continue;
    }
    const active = ACTIVE.exec(name);
    if (!active) continue;
    const segment = scan(Number(active[1]), readFileSync(join(dir, name), 'utf8'));
    segment.file = join(dir, rolledName(segment));
    renameSync(join(dir, name), segment.file);
    found.push(segment);
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/** Splits a segment's text into its lines (a trailing piece without newline is not a line yet). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

function scan(seq: number, text: string): Segment {
  const segment: Segment = {
    seq,
    bytes: Buffer.byteLength(text),
    statusMask: UNKNOWN_MASK,
    minTime: Infinity,
    maxTime: -Infinity,
  };
  for (const line of splitLines(text)) {
    let time: number | undefined;
    try {
      time = lineTime((JSON.parse(line) as Record<string, unknown>).time);
    } catch {
      continue;
    }
    if (time === undefined) continue;
    segment.minTime = Math.min(segment.minTime, time);
    segment.maxTime = Math.max(segment.maxTime, time);
  }
  return segment;
}

function sizeOf(file: string): number {
  return statSync(file).size;
}
