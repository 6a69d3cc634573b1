/** A response kept for replay: what the first request answered. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What a handler learns of the Idempotency-Key it runs under (`RequestContext.idempotency`): enough
 * to name its work so that every attempt with this key finds the same work (an order id seeded from
 * `scope`, `key` and `firstAt`).
 */
export interface IdempotentAttempt {
  /** The Idempotency-Key header. */
  readonly key: string;
  /** What the key is unique within: the channel app and the function (`wechat|trading`). */
  readonly scope: string;
  /** When the key was first claimed (epoch ms): the same for every attempt while its record lives. */
  readonly firstAt: number;
  /**
   * An earlier attempt with this key may have done part of the work: it failed with a 5xx or its
   * instance died (its claim was released or lapsed, and this one took it over). False only on the
   * key's first attempt, when nothing can exist under names made from it.
   */
  readonly resumed: boolean;
}

export type BeginResult =
  | { state: 'started'; token: string; firstAt: number; resumed: boolean }
  | { state: 'completed'; hash: string; response: StoredResponse }
  | { state: 'in-progress'; hash: string }
  /** No attempt holds the key (the last one failed, or its claim lapsed): the next `begin` resumes it. */
  | { state: 'resumable'; hash: string };

/**
 * Where idempotency records live (Powertools' persistence layer, in short): a record is claimed
 * IN_PROGRESS with a lock that lapses after the function's timeout, then COMPLETED with the
 * response, or released when the request failed so a retry runs again. A record remembers when
 * its key was first claimed (`firstAt`) until it expires, across releases and takeovers.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for a request whose payload hashes to `hash`. A missing or expired record is
   * created (a new `firstAt`, kept `ttlMs`); a released or lapsed claim with the same hash is taken
   * over (`resumed`, its `firstAt` kept); anything else is answered as it is.
   */
  begin(scope: string, key: string, hash: string, lockMs: number, ttlMs: number): Promise<BeginResult>;
  /** Stores the response under the claim, kept `ttlMs`. */
  complete(scope: string, key: string, token: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Gives the claim up so the next attempt runs, keeping the record's hash and `firstAt`. */
  release(scope: string, key: string, token: string): Promise<void>;
  /** Reads the current record, if any (a waiting duplicate polls this). */
  peek(scope: string, key: string): Promise<BeginResult | undefined>;
}
