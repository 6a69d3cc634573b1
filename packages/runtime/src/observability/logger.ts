import { pino, type DestinationStream, type Logger } from 'pino';
import { FdWriter } from './fd-writer.js';
import { LineBuffer } from './line-buffer.js';

export type { Logger } from 'pino';

/**
 * The function's root logger: JSON lines on stdout (what FC ships to Log Service), with the
 * function name on every line. Lines are buffered (64 KiB) and written in one write(2) per chunk,
 * so a request does not pay a system call of its own; the buffer is flushed at least every second
 * and on exit. Every logger of the process shares the one stdout buffer, so lines stay in order.
 *
 * @example
 * const log = createLogger({ functionName: 'member' });
 */
export function createLogger(options: { functionName: string; level?: string; destination?: DestinationStream }): Logger {
  const destination = options.destination ?? bufferedStdout();
  return pino(
    {
      level: options.level ?? 'info',
      base: { function: options.functionName },
      // Epoch milliseconds, as the access lines write them: cheap, and what Log Service indexes.
      timestamp: pino.stdTimeFunctions.epochTime,
      formatters: { level: (label) => ({ level: label }) },
      // Never let a credential reach the logs, whatever a handler passes in.
      redact: {
        paths: ['*.authorization', '*.accessKeySecret', '*.password', '*.secret', '*.securityToken'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

let stdout: LineBuffer | undefined;

function bufferedStdout(): LineBuffer {
  if (stdout) return stdout;
  const destination = new LineBuffer(new FdWriter(1));
  setInterval(() => destination.flush(), 1000).unref();
  process.once('beforeExit', () => destination.flushSync());
  process.once('exit', () => destination.flushSync());
  stdout = destination;
  return destination;
}
