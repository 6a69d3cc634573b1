/**
 * Nonces seen in the last `ttlMs` (API.md: 15 minutes), each kept at least until its request's
 * timestamp leaves the window too: a request stamped ahead of the gateway's clock stays acceptable
 * for longer, and so must its nonce stay refused. Entries mostly expire in insertion order; expired
 * ones are dropped from the front on each use, and memory stays bounded by the request rate times
 * twice the window (and by `maxEntries`).
 */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  /** Entries dropped before their time because the cache was full. */
  evicted = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a nonce; false when it was already seen within the window. `issuedAt` is the request's
   * timestamp: a nonce is kept until `max(now, issuedAt) + ttlMs`.
   *
   * @example
   * cache.use('app1:6f1c…', Date.now()) // true, then false for 15 minutes
   */
  use(key: string, issuedAt?: number): boolean {
    const now = this.now();
    this.expire(now);
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) {
        this.seen.delete(oldest.value);
        this.evicted++;
      }
    }
    const from = issuedAt !== undefined && issuedAt > now ? issuedAt : now;
    this.seen.delete(key); // an expired entry left behind a longer-lived one: re-insert it at the back
    this.seen.set(key, from + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private expire(now: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
  }
}
