/** A response kept for replay: what the first request answered. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type BeginResult =
  | { state: 'started'; token: string }
  | { state: 'completed'; hash: string; response: StoredResponse }
  | { state: 'in-progress'; hash: string };

/**
 * Where idempotency records live (Powertools' persistence layer, in short): a record is claimed
 * IN_PROGRESS with a lock that lapses after the function's timeout, then COMPLETED with the
 * response, or released when the request failed so a retry runs again.
 */
export interface IdempotencyStore {
  /** Claims `key` for a request whose payload hashes to `hash`, unless a live record holds it. */
  begin(scope: string, key: string, hash: string, lockMs: number): Promise<BeginResult>;
  /** Stores the response under the claim, kept `ttlMs`. */
  complete(scope: string, key: string, token: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Removes the claim so the next attempt runs. */
  release(scope: string, key: string, token: string): Promise<void>;
  /** Reads the current record, if any (a waiting duplicate polls this). */
  peek(scope: string, key: string): Promise<BeginResult | undefined>;
}
