/**
 * The lines the log store keeps: JSON objects with a numeric `time` (epoch ms, as the functions'
 * pino lines write it) and a `source` (`function` or `gateway`); every other field is the writer's
 * own, so that the names are the ones FC ships to Log Service.
 */

/** One stored log line. */
export type LogLine = Record<string, unknown> & { time: number; source: string };

/** Where an instance's output line came from (the pool's `instance-output` event). */
export interface InstanceOutput {
  /** The function's name (`member`). */
  function: string;
  /** The instance id (`member-3`). */
  instance: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/**
 * A function instance's output line as a log line: a JSON object keeps its fields (its `function`
 * wins over the pool's name) and gains `source` and `instance`; any other text becomes `msg`.
 *
 * @example
 * functionLine({ function: 'member', instance: 'member-1', stream: 'stdout', line: '{"level":"info","time":1,"status":200}' }, Date.now())
 * // { level: 'info', time: 1, status: 200, function: 'member', source: 'function', instance: 'member-1' }
 */
export function functionLine(output: InstanceOutput, now: number): LogLine | PreparedLine {
  const fast = pinoLine(output);
  if (fast) return fast;
  const parsed = parseObject(output.line);
  if (parsed) {
    const time = typeof parsed.time === 'number' && Number.isFinite(parsed.time) ? parsed.time : now;
    return { ...parsed, time, function: parsed.function ?? output.function, source: 'function', instance: output.instance };
  }
  return {
    time: now,
    // Text has no level but its stream, and Node's own process warnings (`(node:123) [DEP0005] ...`).
    level: output.stream === 'stdout' ? 'info' : NODE_WARNING.test(output.line) ? 'warn' : 'error',
    source: 'function',
    function: output.function,
    instance: output.instance,
    stream: output.stream,
    msg: output.line,
  };
}

/** A line already in its stored form (compact JSON), with the `time` the store indexes it by. */
export interface PreparedLine {
  raw: string;
  time: number;
}

const PINO_START = '{"level":';
const NODE_WARNING = /^\(node:\d+\) |^\(Use `node --trace-/;
const PINO_TIME = /^\{"level":"?\w+"?,"time":(\d+),/;

/**
 * The runtime's pino lines (`{"level":...,"time":<ms>,...}`, compact JSON, one object a line) are
 * stored as written, with `source` and `instance` put in front: no parse and no re-serialisation
 * on the way in, which is most of the cost of keeping a line (they are parsed when queried).
 */
function pinoLine(output: InstanceOutput): PreparedLine | undefined {
  const line = output.line;
  if (!line.startsWith(PINO_START) || !line.endsWith('}')) return undefined;
  const time = PINO_TIME.exec(line);
  if (!time) return undefined;
  const fn = line.includes('"function":') ? '' : `"function":${JSON.stringify(output.function)},`;
  return {
    raw: `{"source":"function","instance":${JSON.stringify(output.instance)},${fn}${line.slice(1)}`,
    time: Number(time[1]),
  };
}

/**
 * One of the gateway's own structured lines (its access lines, alarm events, instance events) as
 * a log line.
 *
 * @example
 * gatewayLine({ event: 'request', requestId: 'r1', status: 429 }, Date.now())
 */
export function gatewayLine(line: Record<string, unknown>, now: number): LogLine {
  return { time: now, ...line, source: 'gateway' };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
