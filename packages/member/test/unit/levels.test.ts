import { describe, expect, it } from 'vitest';
import { levelFor } from '../../src/index.js';

describe('levelFor', () => {
  it.each([
    [0, 'regular'],
    [999, 'regular'],
    [1000, 'silver'],
    [4999, 'silver'],
    [5000, 'gold'],
    [19_999, 'gold'],
    [20_000, 'platinum'],
    [Number.MAX_SAFE_INTEGER, 'platinum'],
  ] as const)('%i lifetime points -> %s', (points, level) => {
    expect(levelFor(points)).toBe(level);
  });
});
