import { capacityExhausted } from './error-shapes.js';
import type { ThrottleRule } from './types.js';

export type UnitKind = 'read' | 'write';

/**
 * Capacity units refilled continuously at `perSecond`, up to `capacity`. A call is let in while at
 * least one unit is left and then charged what it consumed, so one large call can leave the bucket
 * in debt and refuse the next ones until the debt is paid: the service's reserved throughput.
 */
class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  admits(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  charge(units: number, now: number): void {
    this.refill(now);
    this.tokens -= units;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}

interface Buckets {
  readonly rule: ThrottleRule & { readonly id: string };
  readonly read: TokenBucket | undefined;
  readonly write: TokenBucket | undefined;
}

/** The buckets of every throttled table; a `*` rule gives each table buckets of its own. */
export class Throttle {
  private readonly byTable = new Map<string, Buckets>();

  constructor(
    private readonly rules: () => readonly (ThrottleRule & { readonly id: string })[],
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Refuses the call (throws OTSCapacityUnitExhausted) when a bucket it draws on has less than one
   * unit left. `seen(ruleId, refused)` is told of every bucket looked at.
   */
  admit(tables: readonly string[], kinds: readonly UnitKind[], seen: (ruleId: string, refused: boolean) => void): void {
    if (kinds.length === 0) return;
    const now = this.now();
    for (const table of tables) {
      const buckets = this.bucketsOf(table);
      if (!buckets) continue;
      for (const kind of kinds) {
        const bucket = buckets[kind];
        if (!bucket) continue;
        const refused = !bucket.admits(now);
        seen(buckets.rule.id, refused);
        if (refused) throw capacityExhausted(table, kind, bucket.perSecond);
      }
    }
  }

  /** Charges a table what a call consumed there. */
  charge(table: string, read: number, write: number): void {
    const buckets = this.bucketsOf(table);
    if (!buckets) return;
    const now = this.now();
    if (read > 0) buckets.read?.charge(read, now);
    if (write > 0) buckets.write?.charge(write, now);
  }

  /** Forgets every bucket (the rules changed). */
  reset(): void {
    this.byTable.clear();
  }

  private bucketsOf(table: string): Buckets | undefined {
    const existing = this.byTable.get(table);
    if (existing) return existing;
    const all = this.rules();
    const rule = all.find((r) => r.table === table) ?? all.find((r) => r.table === '*');
    if (!rule) return undefined;
    const now = this.now();
    const bucket = (perSecond: number | undefined) =>
      perSecond === undefined ? undefined : new TokenBucket(perSecond, rule.burst ?? Math.max(1, perSecond), now);
    const made = { rule, read: bucket(rule.readCUPerSecond), write: bucket(rule.writeCUPerSecond) };
    this.byTable.set(table, made);
    return made;
  }
}
