import type { IncomingMessage } from 'node:http';

/** The body is over the limit (declared by Content-Length, or counted while reading). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Whether Content-Length alone already says the body is over the limit. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Reads the whole request body, refusing more than `limit` bytes with {@link BodyTooLargeError}
 * (the rest is left to node:http, which discards it before the next request on the connection).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaredTooLarge(req, limit)) return Promise.reject(new BodyTooLargeError(`body over ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        req.resume();
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}
