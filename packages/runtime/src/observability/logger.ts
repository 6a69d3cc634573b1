import { pino, type DestinationStream, type Logger } from 'pino';
import { LineBuffer } from './line-buffer.js';

export type { Logger } from 'pino';

/**
 * The function's root logger: JSON lines on stdout (what FC ships to Log Service), with the
 * function name on every line. Lines are buffered and written asynchronously so a request does
 * not pay a write system call; the buffer is flushed at least every second and on exit. A line
 * costs one string append (`LineBuffer`): the lines of a turn reach pino's destination together.
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

function bufferedStdout(): DestinationStream {
  const destination = new LineBuffer(pino.destination({ dest: 1, sync: false, minLength: 4096 }));
  setInterval(() => destination.flush(), 1000).unref();
  process.once('beforeExit', () => destination.flushSync());
  return destination;
}
