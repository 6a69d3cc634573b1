import type { TablestoreError } from '../errors.js';

/** Bounded exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts: number;
  /** First backoff cap for transient errors, doubled per attempt. Default 50 ms. */
  readonly baseDelayMs: number;
  /** First backoff cap after a throttling refusal. Default 200 ms. */
  readonly throttledBaseDelayMs: number;
  /** Largest single backoff. Default 1000 ms. */
  readonly maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. Default 5000 ms. */
  readonly maxElapsedMs: number;
}

export interface RetryEvent {
  readonly operation: string;
  readonly table: string | undefined;
  /** The attempt that failed (1 = first). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: TablestoreError;
}

/** Everything a client needs; build it yourself or with `tablestoreConfigFromEnv(env)`. */
export interface TablestoreConfig {
  /** e.g. `https://my-instance.cn-hangzhou.ots.aliyuncs.com` or `http://127.0.0.1:8800`. */
  readonly endpoint: string;
  readonly instanceName: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token (Function Compute's role credentials carry one). */
  readonly securityToken?: string | undefined;
  /** Socket timeout of one request. Default 3000 ms. */
  readonly requestTimeoutMs?: number;
  /** Keep-alive sockets to the endpoint at most. Default 64. */
  readonly maxSockets?: number;
  /** An idle keep-alive socket is closed after this long. Default 10000 ms. */
  readonly idleSocketTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Called before each retry, e.g. to log or count. */
  readonly onRetry?: (event: RetryEvent) => void;
}
