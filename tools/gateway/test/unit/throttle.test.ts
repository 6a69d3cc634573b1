import { describe, expect, it } from 'vitest';
import { NonceCache } from '../../src/nonce-cache.js';
import { ChannelThrottles, SlidingSecond, TokenBucket } from '../../src/throttle.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token bucket', () => {
  it('starts full, refills rps tokens a second up to burst', () => {
    const time = clock();
    const bucket = new TokenBucket({ rps: 2, burst: 3 }, time.now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(500);
    time.advance(500);
    expect(bucket.take()).toBe(0);
    time.advance(10_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBeGreaterThan(0);
  });

  it('keeps its tokens, up to the new burst, when the limit changes', () => {
    const time = clock();
    const bucket = new TokenBucket({ rps: 10, burst: 10 }, time.now);
    bucket.set({ rps: 1, burst: 2 });
    expect([bucket.take(), bucket.take()]).toEqual([0, 0]);
    expect(bucket.take()).toBe(1000);
  });
});

describe('channel throttles', () => {
  it('answers Retry-After in whole seconds, at least 1', () => {
    const time = clock();
    const throttles = new ChannelThrottles({ pos: { rps: 1, burst: 1 }, slow: { rps: 1, burst: 1 } }, time.now);
    expect(throttles.admit('pos')).toEqual({ admitted: true });
    expect(throttles.admit('pos')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    throttles.set('slow', { rps: 1, burst: 1 });
    throttles.admit('slow');
    time.advance(100);
    expect(throttles.admit('slow')).toEqual({ admitted: false, retryAfterSeconds: 1 });
    expect(throttles.set('nope', { rps: 1, burst: 1 })).toBe(false);
  });

  it('lists currentRps over the last second, counting throttled requests too', () => {
    const time = clock();
    const throttles = new ChannelThrottles({ web: { rps: 1, burst: 1 } }, time.now);
    for (let i = 0; i < 5; i++) throttles.admit('web');
    expect(throttles.list()).toEqual([{ channel: 'web', rps: 1, burst: 1, currentRps: 5 }]);
    time.advance(1000);
    expect(throttles.list()[0]?.currentRps).toBe(0);
  });
});

describe('sliding second', () => {
  it('forgets slots older than one second', () => {
    const time = clock(0);
    const window = new SlidingSecond(time.now);
    window.add();
    time.advance(500);
    window.add();
    window.add();
    expect(window.count()).toBe(3);
    time.advance(550);
    expect(window.count()).toBe(2);
    time.advance(500);
    expect(window.count()).toBe(0);
  });
});

describe('nonce cache', () => {
  it('refuses a nonce within the window and forgets it after', () => {
    const time = clock();
    const cache = new NonceCache(15 * 60_000, 100, time.now);
    expect(cache.use('a')).toBe(true);
    expect(cache.use('a')).toBe(false);
    time.advance(15 * 60_000 - 1);
    expect(cache.use('a')).toBe(false);
    time.advance(1);
    expect(cache.use('a')).toBe(true);
  });

  it('keeps the nonce of a request stamped ahead of its clock until that timestamp leaves the window', () => {
    const time = clock();
    const cache = new NonceCache(15 * 60_000, 100, time.now);
    expect(cache.use('ahead', time.now() + 14 * 60_000)).toBe(true);
    expect(cache.use('behind', time.now() - 14 * 60_000)).toBe(true);
    expect(cache.use('garbled', Number.NaN)).toBe(true);
    time.advance(15 * 60_000);
    expect(cache.use('behind')).toBe(true);
    expect(cache.use('garbled')).toBe(true);
    expect(cache.use('ahead')).toBe(false);
    time.advance(14 * 60_000 - 1);
    expect(cache.use('ahead')).toBe(false);
    time.advance(1);
    expect(cache.use('ahead')).toBe(true);
  });

  it('expires old entries as it goes and never holds more than maxEntries', () => {
    const time = clock();
    const cache = new NonceCache(1000, 3, time.now);
    for (const key of ['a', 'b', 'c']) cache.use(key);
    time.advance(1000);
    cache.use('d');
    expect(cache.size).toBe(1);
    for (const key of ['e', 'f', 'g']) cache.use(key);
    expect(cache.size).toBe(3);
    expect(cache.evicted).toBe(1);
  });
});
