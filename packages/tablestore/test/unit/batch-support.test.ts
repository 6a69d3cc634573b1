import { describe, expect, it } from 'vitest';
import { chunk, estimateBytes, mapLimit } from '../../src/batch-support.js';

describe('batch chunking', () => {
  it('splits by count', () => {
    const sizes = chunk(
      Array.from({ length: 450 }, (_, i) => i),
      200,
    ).map((c) => c.length);
    expect(sizes).toEqual([200, 200, 50]);
    expect(chunk([], 100)).toEqual([]);
  });

  it('splits by bytes too, and never leaves an oversized item out', () => {
    const sizes = chunk([3, 3, 3, 10, 1], 100, 6, (n) => n).map((c) => c.length);
    expect(sizes).toEqual([2, 1, 1, 1]);
  });

  it('estimates bytes from strings and binaries', () => {
    expect(estimateBytes({ a: 'x'.repeat(1000) })).toBeGreaterThan(1000);
    expect(estimateBytes({ a: new Uint8Array(5000) })).toBeGreaterThan(5000);
  });

  it('runs at most `limit` at once, all of them', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      done.push(n);
      running--;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
