/**
 * Per-channel flow control: a token bucket per channel app (rps refill, burst capacity) that
 * operators change at run time, and a sliding one-second count of each channel's requests.
 */

/** A channel's limit. */
export interface Limit {
  rps: number;
  burst: number;
}

/** The outcome of {@link ChannelThrottles.admit}. */
export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** One channel's state as `GET /_gateway/channels` lists it. */
export interface ChannelThrottleState extends Limit {
  channel: string;
  /** Requests (admitted or throttled) in the last second. */
  currentRps: number;
}

/** A token bucket: starts full, refills `rps` tokens a second up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private limit: Limit,
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Takes a token: 0 when one was there, else the milliseconds until one will be. */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return ((1 - this.tokens) / this.limit.rps) * 1000;
  }

  /** A new limit from now on; tokens already there stay, up to the new burst. */
  set(limit: Limit): void {
    this.refill();
    this.limit = limit;
    this.tokens = Math.min(this.tokens, limit.burst);
  }

  get current(): Limit {
    return { ...this.limit };
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.rps);
    this.updatedAt = now;
  }
}

const SLOT_MS = 100;
const SLOTS = 10;

/** Counts events over the last second in ten 100 ms slots: constant memory at any rate. */
export class SlidingSecond {
  private readonly counts = new Array<number>(SLOTS).fill(0);
  private readonly slotOf = new Array<number>(SLOTS).fill(-1);

  constructor(private readonly now: () => number) {}

  add(): void {
    const slot = Math.floor(this.now() / SLOT_MS);
    const index = slot % SLOTS;
    if (this.slotOf[index] !== slot) {
      this.slotOf[index] = slot;
      this.counts[index] = 0;
    }
    this.counts[index]!++;
  }

  count(): number {
    const current = Math.floor(this.now() / SLOT_MS);
    let total = 0;
    for (let i = 0; i < SLOTS; i++) if (current - this.slotOf[i]! < SLOTS) total += this.counts[i]!;
    return total;
  }
}

/** The buckets and counters of every channel app. */
export class ChannelThrottles {
  private readonly channels = new Map<string, { bucket: TokenBucket; recent: SlidingSecond }>();

  constructor(
    limits: Record<string, Limit>,
    private readonly now: () => number = Date.now,
  ) {
    for (const [channel, limit] of Object.entries(limits)) {
      this.channels.set(channel, {
        bucket: new TokenBucket({ rps: limit.rps, burst: limit.burst }, now),
        recent: new SlidingSecond(now),
      });
    }
  }

  /**
   * Counts a request of the channel and takes a token; throttled requests get the whole seconds
   * until a token is back (`Retry-After`, at least 1).
   */
  admit(channel: string): Admission {
    const state = this.channels.get(channel);
    if (!state) return { admitted: true };
    state.recent.add();
    const waitMs = state.bucket.take();
    return waitMs === 0 ? { admitted: true } : { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  has(channel: string): boolean {
    return this.channels.has(channel);
  }

  /** Changes a channel's limit at run time; false for an unknown channel. */
  set(channel: string, limit: Limit): boolean {
    const state = this.channels.get(channel);
    if (!state) return false;
    state.bucket.set({ rps: limit.rps, burst: limit.burst });
    return true;
  }

  /** Every channel, sorted by name. */
  list(): ChannelThrottleState[] {
    return [...this.channels.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([channel, state]) => ({ channel, ...state.bucket.current, currentRps: state.recent.count() }));
  }
}
