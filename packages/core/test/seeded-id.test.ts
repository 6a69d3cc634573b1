import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { isId, newId, seededId } from '../src/index.js';

const at = Date.UTC(2026, 10, 11, 0, 0, 0, 123);

describe('seededId', () => {
  it('is the same id for the same time and seed, and passes isId', () => {
    const id = seededId('ord', at, 'wechat|trading\nkey-1\nmem_a');
    expect(seededId('ord', at, 'wechat|trading\nkey-1\nmem_a')).toBe(id);
    expect(isId('ord', id)).toBe(true);
    expect(isId('mem', id)).toBe(false);
  });

  it('differs when the seed or the time differs', () => {
    const ids = new Set([
      seededId('ord', at, 'k1'),
      seededId('ord', at, 'k2'),
      seededId('ord', at + 1, 'k1'),
      seededId('ord', at, 'k1 '),
    ]);
    expect(ids.size).toBe(4);
  });

  it('carries `at` as its ULID time, so it sorts by time among newId ids', () => {
    const id = seededId('ord', at, 'seed');
    expect(decodeTime(id.slice(4).toUpperCase())).toBe(at);
    const before = newId('ord', at - 1);
    const after = newId('ord', at + 1);
    expect([after, id, before].sort()).toEqual([before, id, after]);
    expect(seededId('ord', 0, 'x').slice(4, 14)).toBe('0000000000');
    expect(seededId('ord', 2 ** 48 - 1, 'x').slice(4, 14)).toBe('7zzzzzzzzz');
  });

  it('spreads its random part over the whole alphabet', () => {
    const chars = new Set<string>();
    for (let i = 0; i < 200; i++) for (const c of seededId('ord', at, `seed-${i}`).slice(14)) chars.add(c);
    expect(chars.size).toBe(32);
  });

  it('refuses a bad prefix or time', () => {
    expect(() => seededId('Ord', at, 's')).toThrow(TypeError);
    expect(() => seededId('ord', -1, 's')).toThrow(RangeError);
    expect(() => seededId('ord', 1.5, 's')).toThrow(RangeError);
    expect(() => seededId('ord', 2 ** 48, 's')).toThrow(RangeError);
  });
});
