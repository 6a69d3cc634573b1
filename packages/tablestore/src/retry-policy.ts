import type { TablestoreError } from './errors.js';
import type { RetryPolicy } from './types/config.js';

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 50,
  throttledBaseDelayMs: 200,
  maxDelayMs: 1000,
  maxElapsedMs: 5000,
};

/**
 * Full-jitter backoff after the `attempt`-th failure: uniform in [0, min(max, base * 2^(attempt-1))].
 * Throttling refusals start from a larger base.
 */
export function backoffDelay(
  attempt: number,
  error: TablestoreError,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const base = error.code === 'THROTTLED' ? policy.throttledBaseDelayMs : policy.baseDelayMs;
  const cap = Math.min(policy.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/** Whether another attempt may start: attempts left and the time budget not spent by the wait. */
export function mayRetry(attempt: number, delayMs: number, elapsedMs: number, policy: RetryPolicy): boolean {
  return attempt < policy.maxAttempts && elapsedMs + delayMs <= policy.maxElapsedMs;
}

/**
 * Whether a write may be sent again after this error. A refusal proves nothing was applied, so any
 * write may be; after an ambiguous error (timeout, dropped connection, internal error) only a
 * write that does the same thing when replayed (no INCREMENT) may be.
 */
export function writeMayBeReplayed(error: TablestoreError, replaySafe: boolean): boolean {
  return error.retryable && (!error.ambiguous || replaySafe);
}
