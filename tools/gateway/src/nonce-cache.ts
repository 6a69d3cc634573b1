/**
 * Nonces seen in the last `ttlMs` (API.md: 15 minutes). Every entry lives equally long, so the
 * insertion order of a Map is also the expiry order: expired entries are dropped from the front on
 * each use, and memory stays bounded by the request rate times the window (and by `maxEntries`).
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
   * Records a nonce; false when it was already seen within the window.
   *
   * @example
   * cache.use('app1:6f1c…') // true, then false for 15 minutes
   */
  use(key: string): boolean {
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
    this.seen.set(key, now + this.ttlMs);
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
