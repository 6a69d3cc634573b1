/**
 * Fixed, log-scaled latency buckets: four per doubling from 0.1 ms (each about 19 % wide) up to
 * ~105 s, plus one below. A second's latencies for one label set are 81 counters whatever the
 * traffic, which is what keeps the time-series store's memory fixed; percentiles are interpolated
 * inside the bucket they fall in.
 */

const MIN_MS = 0.1;
const PER_DOUBLING = 4;
const DOUBLINGS = 20;

/** How many buckets a histogram has. */
export const BUCKETS = 1 + PER_DOUBLING * DOUBLINGS;

/**
 * The bucket of a latency in ms.
 *
 * @example
 * bucketOf(0.05) // 0
 * bucketOf(1)    // 14 (1 ms is 2^3.32 times 0.1 ms)
 */
export function bucketOf(ms: number): number {
  if (!(ms >= MIN_MS)) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log2(ms / MIN_MS) * PER_DOUBLING));
}

/** The lower bound of a bucket, in ms. */
export function lowerBound(bucket: number): number {
  return bucket === 0 ? 0 : MIN_MS * 2 ** ((bucket - 1) / PER_DOUBLING);
}

/**
 * The latency below which a fraction `q` of the counted ones fall, in ms rounded to 0.01;
 * undefined when nothing was counted.
 *
 * @example
 * const counts = new Uint32Array(BUCKETS);
 * counts[bucketOf(2)]! += 99; counts[bucketOf(300)]! += 1;
 * percentile(counts, 0.5) // about 2
 */
export function percentile(counts: ArrayLike<number>, q: number): number | undefined {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (total === 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count > 0 && below + count >= rank) {
      const low = lowerBound(i);
      const high = lowerBound(i + 1);
      return Math.round((low + ((high - low) * (rank - below)) / count) * 100) / 100;
    }
    below += count;
  }
  return Math.round(lowerBound(counts.length - 1) * 100) / 100;
}
