/**
 * The last N seconds of one label set: a slot per second (second % N) holding integer fields and,
 * for request series, a latency histogram allocated the first time that second sees a request.
 * A slot whose stamp is not the second asked for holds nothing for it.
 */
import { BUCKETS } from './latency-buckets.js';

/**
 * Per-second integer fields over a ring of `capacity` seconds.
 *
 * @example
 * const ring = new SecondRing(3600, 2, true);
 * const slot = ring.slot(Math.floor(Date.now() / 1000));
 * ring.fields[0]![slot]!++;
 */
export class SecondRing {
  readonly stamps: Float64Array;
  readonly fields: Uint32Array[];
  readonly histograms: Array<Uint32Array | undefined> | undefined;

  constructor(
    readonly capacity: number,
    fieldCount: number,
    withHistograms: boolean,
  ) {
    this.stamps = new Float64Array(capacity).fill(-1);
    this.fields = Array.from({ length: fieldCount }, () => new Uint32Array(capacity));
    this.histograms = withHistograms ? new Array<Uint32Array | undefined>(capacity) : undefined;
  }

  /** The slot of `second` for writing: cleared first when it held an older second. */
  slot(second: number): number {
    const slot = second % this.capacity;
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second;
      for (const field of this.fields) field[slot] = 0;
      this.histograms?.[slot]?.fill(0);
    }
    return slot;
  }

  /** The slot holding `second`, or -1 when it holds none. */
  find(second: number): number {
    const slot = second % this.capacity;
    return this.stamps[slot] === second ? slot : -1;
  }

  /** Counts one latency in `slot`'s histogram. */
  observe(slot: number, bucket: number): void {
    const histograms = this.histograms!;
    const counts = (histograms[slot] ??= new Uint32Array(BUCKETS));
    counts[bucket]!++;
  }

  /** Bytes held by the ring's arrays. */
  bytes(): number {
    let total = this.stamps.byteLength + this.fields.reduce((sum, field) => sum + field.byteLength, 0);
    for (const counts of this.histograms ?? []) total += counts?.byteLength ?? 0;
    return total;
  }
}
