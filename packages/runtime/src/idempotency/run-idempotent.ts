import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { problem, problemResponse } from '../http/problem.js';
import type { RuntimeRequest, RuntimeResponse } from '../http/types.js';
import type { IdempotencyStore, StoredResponse } from './types.js';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** How long a claim holds before another attempt may take over: the function's timeout. */
  lockMs: number;
  /** How long a completed response is kept; at least 24 hours by contract. */
  ttlMs?: number;
  /** How long a duplicate waits for the first attempt before 409. */
  waitMs?: number;
  /** Told when a finished request's response could not be stored for replay (it is answered anyway). */
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
 * retry runs again.
 */
export async function runIdempotent(
  options: IdempotencyOptions,
  scope: string,
  key: string,
  hash: string,
  execute: () => Promise<RuntimeResponse>,
): Promise<RuntimeResponse> {
  const deadline = Date.now() + (options.waitMs ?? 2000);
  for (;;) {
    const claim = await options.store.begin(scope, key, hash, options.lockMs);
    if (claim.state === 'started') return settle(options, scope, key, claim.token, execute);
    if (claim.hash !== hash) return reused();
    if (claim.state === 'completed') return replay(claim.response);
    // In progress elsewhere: wait for it to finish (or for its claim to lapse), then look again.
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const current = await options.store.peek(scope, key);
      if (!current) break;
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
  scope: string,
  key: string,
  token: string,
  execute: () => Promise<RuntimeResponse>,
) {
  let response: RuntimeResponse;
  try {
    response = await execute();
  } catch (error) {
    await options.store.release(scope, key, token);
    throw error;
  }
  if (response.status >= 500) {
    await options.store.release(scope, key, token);
    return response;
  }
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) if (response.headers[name]) headers[name] = response.headers[name];
  try {
    await options.store.complete(
      scope,
      key,
      token,
      { status: response.status, headers, body: response.body },
      options.ttlMs ?? DAY_MS,
    );
  } catch (error) {
    // The work is done: a 503 now would send the client to do it again once the claim lapses.
    // Answer what it did; the claim stays until lockMs, then the key is free (no replay stored).
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
