import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/index.js';

describe('BoundedCache', () => {
  it('answers what was put, and the first put goes when it is full', () => {
    const cache = new BoundedCache<string, number>(2);
    expect(cache.set('a', 1)).toBe(1);
    cache.set('b', 2);
    cache.set('a', 10); // replacing keeps the size
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([10, 2, 2]);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(RangeError);
  });
});
