import { pino, type Logger } from 'pino';

export interface AccessEntry {
  requestId: string;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  channel: string | undefined;
  coldStart: boolean;
}

type Stream = { write(line: string): unknown };

/**
 * The one line per request, written straight to the logger's destination. Its fields are fixed,
 * so it skips pino's serialisation and redaction (measured: ~15 µs of the ~20 µs a request spent
 * in logging); the line has the same shape as pino's (`level`, `time`, `function`, `msg`).
 */
export function accessLogger(logger: Logger, functionName: string): (entry: AccessEntry) => void {
  if (!logger.isLevelEnabled('info')) return () => {};
  const stream = (logger as unknown as Record<symbol, Stream>)[pino.symbols.streamSym]!;
  const prefix = `{"level":"info","time":`;
  const fn = `,"function":${JSON.stringify(functionName)}`;
  return (entry) => {
    stream.write(
      `${prefix}${Date.now()}${fn},"requestId":${JSON.stringify(entry.requestId)},"method":${JSON.stringify(entry.method)},` +
        `"route":${JSON.stringify(entry.route)},"status":${entry.status},"latencyMs":${entry.latencyMs},` +
        `${entry.channel === undefined ? '' : `"channel":${JSON.stringify(entry.channel)},`}"coldStart":${entry.coldStart},"msg":"request"}\n`,
    );
  };
}
