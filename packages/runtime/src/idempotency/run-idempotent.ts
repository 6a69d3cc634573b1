import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { problem, problemResponse } from '../http/problem.js';
import type { RuntimeRequest, RuntimeResponse } from '../http/types.js';
import type { IdempotencyStore, IdempotentAttempt, StoredResponse } from './types.js';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** How long a claim holds before another attempt may take over: the function's timeout. */
  lockMs: number;
  /** How long a completed response is kept; at least 24 hours by contract. */
  ttlMs?: number;
  /** How long a duplicate waits for the first attempt before 409. */
  waitMs?: number;
  /** Told when a finished request's response could not be stored for replay, or a failed one's claim released (it is answered anyway). */
  onStoreError?: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const POLL_MS = 50;
const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

/** The key header's problem, if its value is unusable. */
export function badKey(key: string): RuntimeResponse | undefined {
  if (KEY.test(key)) return undefined;
  return problemResponse(
    problem(400, 'validation-failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { field: 'Idempotency-Key', messages: ['must be 1 to 255 visible ASCII characters'] },
    ]),
  );
}

/** The payload fingerprint: the same key may only be retried with the same method, path and body. */
export function payloadHash(request: RuntimeRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.path}?${request.query}\n`);
  if (request.body) hash.update(request.body);
  return hash.digest('base64url');
}

/**
 * Runs `execute` at most once per (scope, key) while its record lives. Responses below 500 are
 * stored and replayed with `Idempotent-Replayed: true`; after a 5xx the claim is released so a
 * retry runs again. `execute` learns when the key was first claimed and whether an earlier
 * attempt may have done part of the work, so that it can find that work again.
 *
 * @example
 * const response = await runIdempotent(options, 'wechat|trading', key, payloadHash(request), (attempt) => handle(attempt));
 */
export async function runIdempotent(
  options: IdempotencyOptions,
  scope: string,
  key: string,
  hash: string,
  execute: (attempt: IdempotentAttempt) => Promise<RuntimeResponse>,
): Promise<RuntimeResponse> {
  const deadline = Date.now() + (options.waitMs ?? 2000);
  const ttlMs = options.ttlMs ?? DAY_MS;
  for (;;) {
    const claim = await options.store.begin(scope, key, hash, options.lockMs, ttlMs);
    if (claim.state === 'started') {
      const attempt = { key, scope, firstAt: claim.firstAt, resumed: claim.resumed };
      return settle(options, attempt, claim.token, ttlMs, () => execute(attempt));
    }
    if (claim.hash !== hash) return reused();
    if (claim.state === 'completed') return replay(claim.response);
    // In progress elsewhere: wait for it to finish (or for its claim to lapse or be released), then look again.
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const current = await options.store.peek(scope, key);
      if (!current || current.state === 'resumable') break;
      if (current.state === 'completed') return current.hash === hash ? replay(current.response) : reused();
    }
    if (Date.now() >= deadline) {
      return problemResponse(
        problem(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry later.'),
        {
          'retry-after': '1',
        },
      );
    }
  }
}

async function settle(
  options: IdempotencyOptions,
  { scope, key }: IdempotentAttempt,
  token: string,
  ttlMs: number,
  execute: () => Promise<RuntimeResponse>,
) {
  // A release that fails leaves the claim to lapse after lockMs: the outcome is answered as it is.
  const release = () => options.store.release(scope, key, token).catch((error: unknown) => options.onStoreError?.(error));
  let response: RuntimeResponse;
  try {
    response = await execute();
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status >= 500) {
    await release();
    return response;
  }
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) if (response.headers[name]) headers[name] = response.headers[name];
  try {
    await options.store.complete(scope, key, token, { status: response.status, headers, body: response.body }, ttlMs);
  } catch (error) {
    // The work is done: a 503 now would send the client to do it again once the claim lapses.
    // Answer what it did; the claim stays until lockMs, then a retry resumes it (no replay stored).
    options.onStoreError?.(error);
  }
  return response;
}

function replay(stored: StoredResponse): RuntimeResponse {
  return { status: stored.status, headers: { ...stored.headers, 'idempotent-replayed': 'true' }, body: stored.body };
}

function reused(): RuntimeResponse {
  return problemResponse(problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used with another request body.'));
}
