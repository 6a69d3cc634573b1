import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './http-problem.js';
import { problem } from './problem.js';

const tooLarge = (limit: number) => new HttpProblem(problem(413, 'payload-too-large', `The body is larger than ${limit} bytes.`));

/** Whether a request says it carries a body (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Reads a request body up to `limit` bytes; undefined when there is none. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  if (declared === 0 && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(tooLarge(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
