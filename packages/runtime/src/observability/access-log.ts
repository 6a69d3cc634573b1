import { pino, type Logger } from 'pino';

type Stream = { write(line: string): unknown };

/** `"method":...,"route":...` for one route, escaped once when the app is built. */
export type AccessRoute = string & { readonly __accessRoute: true };

export interface AccessLog {
  /** The fixed part of a route's lines; `createApp` keeps one per route. */
  route(method: string, route: string): AccessRoute;
  /**
   * Writes one line. `requestId` must be a value `requestIdOf` returned: its characters need no
   * JSON escaping (that is why they are the only ones it accepts).
   */
  write(
    route: AccessRoute,
    requestId: string,
    status: number,
    seconds: number,
    channel: string | undefined,
    coldStart: boolean,
  ): void;
}

/** Channels seen so far, JSON-escaped: a function hears from a handful of them. */
const MAX_CHANNELS = 64;
const COLD_TAIL = '"coldStart":true,"msg":"request"}\n';
const WARM_TAIL = '"coldStart":false,"msg":"request"}\n';

/**
 * The one line per request (`requestId`, `function`, `method`, `route`, `status`, `latencyMs`,
 * `channel`, `coldStart`), written straight to the logger's destination. Its fields are fixed, so
 * it skips pino's serialisation and redaction (measured: ~15 µs of the ~20 µs a request spent in
 * logging), and what does not change per request is escaped once; the line has the same shape as
 * pino's (`level`, `time`, `function`, `msg`).
 *
 * @example
 * const access = accessLogger(logger, 'member');
 * const route = access.route('GET', '/members/:id');
 * access.write(route, requestId, 200, 0.0004, 'wechat', false);
 */
export function accessLogger(logger: Logger, functionName: string): AccessLog {
  const route = (method: string, path: string) =>
    `"method":${JSON.stringify(method)},"route":${JSON.stringify(path)}` as AccessRoute;
  if (!logger.isLevelEnabled('info')) return { route, write: () => {} };
  const stream = (logger as unknown as Record<symbol, Stream>)[pino.symbols.streamSym]!;
  const fn = `,"function":${JSON.stringify(functionName)},"requestId":"`;
  // The line's start changes once a millisecond: the requests of one millisecond share it.
  let now = 0;
  let head = '';
  const channels = new Map<string, string>();
  const channelField = (channel: string | undefined): string => {
    if (channel === undefined) return '';
    let field = channels.get(channel);
    if (field === undefined) {
      field = `"channel":${JSON.stringify(channel)},`;
      if (channels.size < MAX_CHANNELS) channels.set(channel, field);
    }
    return field;
  };
  return {
    route,
    write: (fields, requestId, status, seconds, channel, coldStart) => {
      const time = Date.now();
      if (time !== now) {
        now = time;
        head = `{"level":"info","time":${time}${fn}`;
      }
      stream.write(
        `${head}${requestId}",${fields},"status":${status},"latencyMs":${Math.round(seconds * 1e5) / 100},${channelField(channel)}` +
          (coldStart ? COLD_TAIL : WARM_TAIL),
      );
    },
  };
}
