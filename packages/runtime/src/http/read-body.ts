import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './http-problem.js';
import { problem } from './problem.js';

const tooLarge = (limit: number) => new HttpProblem(problem(413, 'payload-too-large', `The body is larger than ${limit} bytes.`));

/** Whether a request says it carries a body (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads a request body up to `limit` bytes and calls back once: a 413 `HttpProblem` above the
 * limit, the stream's error if the client goes away, else the body (undefined when there is none).
 * A callback, not a promise: the request path stays free of microtask hops.
 *
 * @example
 * readBody(req, 1024 * 1024, (error, body) => (error ? refuse(error) : serve(body)));
 */
export function readBody(req: IncomingMessage, limit: number, done: (error: Error | undefined, body?: Buffer) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    done(tooLarge(limit));
    return;
  }
  if (declared === 0 && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    done(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: Error | undefined, body?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  req.on('end', () => (size > limit ? settle(tooLarge(limit)) : settle(undefined, Buffer.concat(chunks, size))));
  req.on('error', (error) => settle(error));
}
