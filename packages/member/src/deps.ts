import type { Clock } from '@retail/core';
import { TablestoreError } from '@retail/tablestore';
import type { KeyedQueue } from './keyed-queue.js';
import type { MemberTables } from './tables.js';

/** Bounded optimistic retries of a points change that lost a race on the member row. */
export interface PointsRetryPolicy {
  /** Attempts in all. Default 10. */
  readonly maxAttempts: number;
  /** Backoff cap after the first lost race, doubled per attempt (full jitter). Default 5 ms. */
  readonly baseDelayMs: number;
  /** Largest single backoff. Default 100 ms. */
  readonly maxDelayMs: number;
}

/** What every use-case is given. */
export interface MemberDeps {
  readonly tables: MemberTables;
  readonly clock: Clock;
  readonly phoneClaimGraceMs: number;
  readonly pointsRetry: PointsRetryPolicy;
  /** Serialises point changes of one member within this process. */
  readonly queue: KeyedQueue;
  /** A write that may fail without failing the request (it is repaired later) reports here. */
  readonly onDeferredError: (error: unknown) => void;
}

/** Whether a storage error leaves open that the write was applied. */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof TablestoreError && error.ambiguous;
}
