import { describe, expect, it } from 'vitest';
import { INF_MAX, INF_MIN, InvalidCursorError, defineTable } from '../../src/index.js';
import { decodeCursor, encodeCursor } from '../../src/cursor.js';
import { compareKeyValue } from '../../src/key-order.js';
import { resolveRange } from '../../src/range-bounds.js';

const t = defineTable({
  name: 'orders',
  primaryKey: [
    { name: 'memberId', type: 'string' },
    { name: 'seq', type: 'integer' },
    { name: 'tag', type: 'binary' },
  ],
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('cursor', () => {
  it('round-trips strings, integers (also beyond 2^53) and binaries', () => {
    for (const seq of [0, -5, 2 ** 40, 2n ** 62n]) {
      const c = encodeCursor(['m1', seq, Buffer.from([0, 255])]);
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(t, c)).toEqual(['m1', seq, Buffer.from([0, 255])]);
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/=='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    [
      'wrong version',
      b64({
        v: 2,
        k: [
          ['s', 'a'],
          ['i', '1'],
          ['b', ''],
        ],
      }),
    ],
    [
      'too few columns',
      b64({
        v: 1,
        k: [
          ['s', 'a'],
          ['i', '1'],
        ],
      }),
    ],
    [
      'wrong type',
      b64({
        v: 1,
        k: [
          ['i', '1'],
          ['i', '1'],
          ['b', ''],
        ],
      }),
    ],
    [
      'bad integer',
      b64({
        v: 1,
        k: [
          ['s', 'a'],
          ['i', '1e3'],
          ['b', ''],
        ],
      }),
    ],
    [
      'integer beyond Int64',
      b64({
        v: 1,
        k: [
          ['s', 'a'],
          ['i', '9223372036854775808'],
          ['b', ''],
        ],
      }),
    ],
    [
      'leading zeros',
      b64({
        v: 1,
        k: [
          ['s', 'a'],
          ['i', '007'],
          ['b', ''],
        ],
      }),
    ],
    ['malformed cell', b64({ v: 1, k: ['a', ['i', '1'], ['b', '']] })],
    ['too long', 'A'.repeat(9000)],
    ['null', b64(null)],
  ])('rejects a cursor that is %s with InvalidCursorError', (_why, cursor) => {
    expect(() => decodeCursor(t, cursor)).toThrow(InvalidCursorError);
  });

  it('rejects a flipped character and a stray trailing one', () => {
    const c = encodeCursor(['m1', 7, Buffer.from('x')]);
    expect(() => decodeCursor(t, `${c}x`)).toThrow(/canonical/);
    const tampered = (c[0] === 'e' ? 'f' : 'e') + c.slice(1);
    expect(() => decodeCursor(t, tampered)).toThrow(InvalidCursorError);
  });

  it('rejects a valid cursor outside the requested range (no escaping a prefix)', () => {
    const range = resolveRange(t, { memberId: 'm2' }, { memberId: 'm2' });
    expect(decodeCursor(t, encodeCursor(['m2', 3, Buffer.alloc(0)]), range)).toEqual(['m2', 3, Buffer.alloc(0)]);
    expect(() => decodeCursor(t, encodeCursor(['m1', 3, Buffer.alloc(0)]), range)).toThrow(/outside the requested range/);
    expect(() => decodeCursor(t, encodeCursor(['m3', 0, Buffer.alloc(0)]), range)).toThrow(InvalidCursorError);
    const back = resolveRange(t, { memberId: 'm2' }, { memberId: 'm2' }, 'backward');
    expect(back.start).toEqual(['m2', INF_MAX, INF_MAX]);
    expect(decodeCursor(t, encodeCursor(['m2', 3, Buffer.alloc(0)]), back)).toHaveLength(3);
    expect(() => decodeCursor(t, encodeCursor(['m1', 3, Buffer.alloc(0)]), back)).toThrow(InvalidCursorError);
  });
});

describe('range bounds and key order', () => {
  it('fills the columns after a prefix', () => {
    expect(resolveRange(t, undefined, undefined)).toEqual({
      forward: true,
      start: [INF_MIN, INF_MIN, INF_MIN],
      end: [INF_MAX, INF_MAX, INF_MAX],
    });
    expect(resolveRange(t, { memberId: 'a', seq: 5 }, { memberId: 'b' }).start).toEqual(['a', 5, INF_MIN]);
  });

  it('rejects gaps, unknown columns and wrong types', () => {
    expect(() => resolveRange(t, { memberId: 'a', tag: Buffer.alloc(1) } as never, undefined)).toThrow(/gap/);
    expect(() => resolveRange(t, { nope: 1 } as never, undefined)).toThrow(/not a key column/);
    expect(() => resolveRange(t, { memberId: 5 } as never, undefined)).toThrow(/expected a string/);
  });

  it('orders like Tablestore', () => {
    expect(compareKeyValue(INF_MIN, -(2n ** 63n), 'integer')).toBe(-1);
    expect(compareKeyValue(-1, 2n ** 62n, 'integer')).toBe(-1);
    expect(compareKeyValue('Z', 'a', 'string')).toBe(-1);
    expect(compareKeyValue('é', 'z', 'string')).toBe(1); // UTF-8 bytes: 0xC3 > 0x7A
    expect(compareKeyValue(Buffer.from([1]), Buffer.from([1, 0]), 'binary')).toBe(-1);
    expect(compareKeyValue('a', INF_MAX, 'string')).toBe(-1);
  });
});
