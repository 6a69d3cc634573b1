/**
 * Which kinds of status a segment's lines have, as bits: one per status class (1xx..5xx), one for
 * error lines (`err`) and one for lines without a status. A query for `5xx` skips every segment
 * without a 5xx or an error line, which is most of them: the dashboard asks that every second.
 */
import type { StatusFilter } from './log-query.js';

const ERR = 1 << 6;
const NONE = 1 << 7;
/** The mask of a segment whose lines have not been looked at (after a restart). */
export const UNKNOWN_MASK = 0xff;

/**
 * The bits of one stored line, from its text (compact JSON).
 *
 * @example
 * statusBits('{"status":503,"msg":"request"}') // 1 << 5
 */
export function statusBits(raw: string): number {
  let bits = raw.includes('"err":') ? ERR : 0;
  const at = raw.indexOf('"status":');
  const digit = at < 0 ? NaN : raw.charCodeAt(at + 9) - 48;
  bits |= digit >= 1 && digit <= 5 ? 1 << digit : NONE;
  return bits;
}

/** Whether a segment with `mask` may hold a line `filter` matches. */
export function mayHold(mask: number, filter: StatusFilter | undefined): boolean {
  if (filter === undefined) return true;
  const wanted = (1 << Math.floor(filter.min / 100)) | (filter.errorLines ? ERR : 0);
  return (mask & wanted) !== 0;
}
