import { randomUUID } from 'node:crypto';

/**
 * The request id: the gateway's (`X-Ca-Request-Id`), else Function Compute's, else a new one.
 * Values that could smuggle anything into a header or a log line are not taken.
 */
export function requestIdOf(headers: Record<string, string | undefined>, platformRequestId?: string): string {
  const candidate = headers['x-ca-request-id'] ?? platformRequestId ?? headers['x-fc-request-id'];
  return candidate && SAFE.test(candidate) ? candidate : randomUUID();
}

const SAFE = /^[A-Za-z0-9._:-]{1,128}$/;
