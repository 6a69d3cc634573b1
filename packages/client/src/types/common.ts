/** One bad input field of a `validation-failed` problem: `items[0].quantity`. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** A page of a list (API.md, Lists): pass `nextCursor` back as `cursor` for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?limit=` (1..100, default 20) and `?cursor=`. */
export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Extra headers (lowercase names); the signature headers are always the client's. */
  headers?: Record<string, string>;
}

/** Options of the five idempotent POSTs. */
export interface IdempotentCallOptions extends CallOptions {
  /**
   * `Idempotency-Key`: a retry with the same key and body gets the first response again and
   * changes nothing. Keys are scoped to the channel app and kept at least 24 hours.
   */
  idempotencyKey?: string;
}

/** Money: an integer number of fen. */
export type Fen = number;
/** An ISO-8601 UTC time string. */
export type IsoTime = string;
