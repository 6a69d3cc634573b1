import { newId } from '@retail/core';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/index.js';

describe('shardOf', () => {
  it('is 4 hex digits, the same for the same id, and spreads ids made in one millisecond', () => {
    const at = Date.UTC(2026, 10, 11);
    const ids = Array.from({ length: 1000 }, () => newId('mem', at));
    const shards = ids.map(shardOf);
    expect(shards.every((s) => /^[0-9a-f]{4}$/.test(s))).toBe(true);
    expect(shardOf(ids[0]!)).toBe(shards[0]);
    expect(new Set(shards.map((s) => s[0])).size).toBe(16); // every leading hex digit is used
  });
});
