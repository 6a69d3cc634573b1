/**
 * A per-process map of rows that do not change once written (a campaign, a running sale), so that
 * a burst of requests for the same one reads it once per instance instead of once per request.
 * Bounded: when it is full, the entry put first goes.
 *
 * @example
 * const sales = new BoundedCache<string, Sale>(256);
 * const sale = sales.get(id) ?? sales.set(id, await readSale(id));
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A cache holds at least one entry, got ${capacity}.`);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` under `key` and returns it. */
  set(key: K, value: V): V {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
