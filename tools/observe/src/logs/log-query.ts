/** What a log query asks for, and the test each stored line goes through. */
import { lineTime } from '../time.js';

/** A status filter: a class (`5xx`) or one code. */
export interface StatusFilter {
  min: number;
  max: number;
  /** `5xx` also matches error lines (those with an `err`), which carry no status of their own. */
  errorLines: boolean;
}

/** A query of the log store; every field narrows it. */
export interface LogQuery {
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, inclusive. */
  until?: number;
  function?: string;
  /** A route or a prefix of it: `/members` matches the gateway's `/members` and a function's `/members/:id`. */
  route?: string;
  channel?: string;
  status?: StatusFilter;
  minLatencyMs?: number;
  requestId?: string;
  /** Free text, case-insensitive, anywhere in the line. */
  q?: string;
  /** Most lines returned. Default 100. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A query turned into two tests, both of which a line must pass: one on its stored text, then one on its fields. */
export interface CompiledQuery {
  /**
   * The free text, and a cheap look for the fields' values: stored lines are compact JSON, so a
   * line whose text lacks `"function":"trading"` cannot be a trading line.
   */
  mayMatch(raw: string): boolean;
  /** The exact test of every field filter on the parsed line. */
  matches(line: Record<string, unknown>): boolean;
}

/**
 * Compiles a query.
 *
 * @example
 * const test = compileQuery({ function: 'trading', status: { min: 500, max: 599, errorLines: true } });
 * test.mayMatch(raw) && test.matches(JSON.parse(raw));
 */
export function compileQuery(query: LogQuery): CompiledQuery {
  const needles: string[] = [];
  if (query.function !== undefined) needles.push(`"function":${JSON.stringify(query.function)}`);
  if (query.channel !== undefined) needles.push(`"channel":${JSON.stringify(query.channel)}`);
  if (query.requestId !== undefined) needles.push(`"requestId":${JSON.stringify(query.requestId)}`);
  if (query.route !== undefined) needles.push(`"route":${JSON.stringify(query.route).slice(0, -1)}`);
  const status = statusNeedles(query.status);
  const text = query.q?.toLowerCase();
  return {
    mayMatch(raw) {
      for (const needle of needles) if (!raw.includes(needle)) return false;
      if (status && !status.some((needle) => raw.includes(needle))) return false;
      return text === undefined || raw.toLowerCase().includes(text);
    },
    matches(line) {
      const time = lineTime(line.time);
      if (query.since !== undefined && (time === undefined || time < query.since)) return false;
      if (query.until !== undefined && (time === undefined || time > query.until)) return false;
      if (query.function !== undefined && line.function !== query.function) return false;
      if (query.channel !== undefined && line.channel !== query.channel) return false;
      if (query.requestId !== undefined && line.requestId !== query.requestId) return false;
      if (query.route !== undefined && !routeMatches(line.route, query.route)) return false;
      if (query.status !== undefined && !statusMatches(line, query.status)) return false;
      if (query.minLatencyMs !== undefined && !(typeof line.latencyMs === 'number' && line.latencyMs >= query.minLatencyMs))
        return false;
      return true;
    },
  };
}

/** What a line's text holds when its status may match: `"status":5` for 5xx (or `"err":`), the code itself for one code. */
function statusNeedles(filter: StatusFilter | undefined): string[] | undefined {
  if (filter === undefined) return undefined;
  const min = String(filter.min);
  const max = String(filter.max);
  let common = 0;
  while (common < min.length && min[common] === max[common]) common++;
  const needles = [`"status":${min.slice(0, common)}`];
  if (filter.errorLines) needles.push('"err":');
  return needles;
}

function routeMatches(route: unknown, wanted: string): boolean {
  if (typeof route !== 'string') return false;
  return route === wanted || route.startsWith(wanted.endsWith('/') ? wanted : `${wanted}/`);
}

function statusMatches(line: Record<string, unknown>, filter: StatusFilter): boolean {
  if (typeof line.status === 'number') return line.status >= filter.min && line.status <= filter.max;
  return filter.errorLines && typeof line.err === 'object' && line.err !== null;
}
