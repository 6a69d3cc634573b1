import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/keyed-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('runs one task at a time per key, in order, and keys side by side', async () => {
    const queue = new KeyedQueue();
    const running = new Map<string, number>();
    let maxPerKey = 0;
    let maxOverall = 0;
    const order: string[] = [];
    const task = (key: string, n: number) => async () => {
      running.set(key, (running.get(key) ?? 0) + 1);
      maxPerKey = Math.max(maxPerKey, running.get(key)!);
      maxOverall = Math.max(
        maxOverall,
        [...running.values()].reduce((a, b) => a + b, 0),
      );
      await tick();
      order.push(`${key}${n}`);
      running.set(key, running.get(key)! - 1);
      return n;
    };
    const results = await Promise.all([1, 2, 3].flatMap((n) => [queue.run('a', task('a', n)), queue.run('b', task('b', n))]));
    expect(results).toEqual([1, 1, 2, 2, 3, 3]);
    expect(maxPerKey).toBe(1);
    expect(maxOverall).toBe(2);
    expect(order.filter((o) => o.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    await tick();
    expect(queue.size).toBe(0);
  });

  it('a failing task fails alone; the next one still runs', async () => {
    const queue = new KeyedQueue();
    const first = queue.run('a', () => Promise.reject(new Error('boom')));
    const second = queue.run('a', () => Promise.resolve('ok'));
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
  });
});
