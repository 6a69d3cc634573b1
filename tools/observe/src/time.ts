/** Times as the observability endpoints and `pnpm logs` take them: `10m` ago, or an ISO-8601 time. */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const RELATIVE = /^(\d+)(ms|s|m|h|d)$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A length of time in milliseconds (`30s`, `10m`, `2h`, `1d`, `250ms`), or undefined when the
 * text is not one.
 *
 * @example
 * parseDuration('10m') // 600000
 */
export function parseDuration(text: string): number | undefined {
  const match = RELATIVE.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * A point in time (epoch ms): a duration means that long before `now`, otherwise an ISO-8601
 * time; undefined when the text is neither.
 *
 * @example
 * parseTime('10m', Date.parse('2026-11-11T00:10:00Z')) // Date.parse('2026-11-11T00:00:00Z')
 * parseTime('2026-11-11T00:00:00Z', Date.now())        // 1794268800000
 */
export function parseTime(text: string, now: number): number | undefined {
  const ago = parseDuration(text);
  if (ago !== undefined) return now - ago;
  if (!ISO.test(text.trim())) return undefined;
  const at = Date.parse(text.trim());
  return Number.isNaN(at) ? undefined : at;
}

/** The epoch ms of a log line's `time`: a number (pino's epoch ms) or an ISO string; undefined otherwise. */
export function lineTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}
