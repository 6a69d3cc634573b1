import { clientInternals, type TablestoreClient } from './client.js';
import { AmbiguousWriteError, ConditionFailedError, type TablestoreError } from './errors.js';
import { normalizeError } from './normalize-error.js';
import { backoffDelay, mayRetry, writeMayBeReplayed } from './retry-policy.js';
import type { SdkClient } from './sdk/sdk.js';

interface Call {
  readonly operation: string;
  readonly table: string | undefined;
}

export interface WriteCall extends Call {
  /** The write does the same when replayed: no INCREMENT. */
  readonly replaySafe: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a read, retrying transient errors with bounded full-jitter backoff. */
export async function runRead<T>(client: TablestoreClient, call: Call, fn: (sdk: SdkClient) => Promise<T>): Promise<T> {
  const { sdk, retry, onRetry } = clientInternals(client);
  const start = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(sdk);
    } catch (raw) {
      const error = normalizeError(raw, call);
      const delayMs = backoffDelay(attempt, error, retry);
      if (!error.retryable || !mayRetry(attempt, delayMs, Date.now() - start, retry)) throw error;
      onRetry?.({ ...call, attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

/**
 * Runs a write. Refusals (throttling, busy) are retried; ambiguous failures only for replay-safe
 * writes. Once any attempt was ambiguous, the write's failure (that attempt not re-sent because it
 * holds an INCREMENT, a condition that now fails because the first attempt did apply, or retries
 * running out) is an AmbiguousWriteError, never a plain ConditionFailedError and never a silent
 * success.
 */
export async function runWrite<T>(client: TablestoreClient, call: WriteCall, fn: (sdk: SdkClient) => Promise<T>): Promise<T> {
  const { sdk, retry, onRetry } = clientInternals(client);
  const start = Date.now();
  let ambiguous: TablestoreError | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(sdk);
    } catch (raw) {
      const error = normalizeError(raw, call);
      const delayMs = backoffDelay(attempt, error, retry);
      const again = writeMayBeReplayed(error, call.replaySafe) && mayRetry(attempt, delayMs, Date.now() - start, retry);
      // An ambiguous failure that is not sent again (an INCREMENT) is as unknown as one whose retry failed.
      if (error.ambiguous) ambiguous ??= error;
      if (!again) throw ambiguous ? settleAmbiguous(call, ambiguous, error, attempt) : error;
      onRetry?.({ ...call, attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

export function settleAmbiguous(
  call: Call,
  first: TablestoreError,
  last: TablestoreError,
  attempts: number,
): AmbiguousWriteError {
  const where = [call.operation, call.table].filter(Boolean).join(' ');
  const why =
    last === first
      ? 'it was not sent again'
      : last instanceof ConditionFailedError
        ? 'a retry failed its condition, perhaps because the earlier attempt did apply'
        : `the last attempt failed too (${last.code})`;
  return new AmbiguousWriteError(
    `${where}: outcome unknown after ${attempts} attempts: an attempt failed with ${first.code} and may have applied; ${why}`,
    { operation: call.operation, table: call.table, otsCode: last.otsCode, requestId: last.requestId, cause: last },
  );
}
