import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/index.js';
import { INT64_MAX, INT64_MIN, fromSdkInt64, sdkInt64ToBigInt, toSdkInt64 } from '../../src/int64.js';
import { isSdkInt64 } from '../../src/sdk/sdk.js';

const SAFE = Number.MAX_SAFE_INTEGER;

describe('int64 conversion', () => {
  it('writes the SDK Int64 class (which its encoder checks with instanceof)', () => {
    expect(isSdkInt64(toSdkInt64(1))).toBe(true);
  });

  it.each([0, 1, -1, 42, -42, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, SAFE, -SAFE])('round-trips %d as a number', (n) => {
    const back = fromSdkInt64(toSdkInt64(n));
    expect(back).toBe(n);
    expect(typeof back).toBe('number');
  });

  it.each([BigInt(SAFE) + 1n, -BigInt(SAFE) - 1n, 2n ** 62n, INT64_MAX, INT64_MIN, -(2n ** 60n) - 3n])(
    'round-trips %s beyond 2^53 as a bigint',
    (n) => {
      const back = fromSdkInt64(toSdkInt64(n));
      expect(back).toBe(n);
      expect(typeof back).toBe('bigint');
    },
  );

  it('returns numbers for bigints inside the safe range', () => {
    expect(fromSdkInt64(toSdkInt64(5n))).toBe(5);
    expect(sdkInt64ToBigInt(toSdkInt64(5))).toBe(5n);
  });

  it('writes little-endian two’s complement bytes', () => {
    expect([...toSdkInt64(-1).toBuffer()]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    expect([...toSdkInt64(INT64_MIN).toBuffer()]).toEqual([0, 0, 0, 0, 0, 0, 0, 0x80]);
    expect([...toSdkInt64(258).toBuffer()]).toEqual([2, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects what would be silently wrong', () => {
    expect(() => toSdkInt64(1.5)).toThrow(InvalidParameterError);
    expect(() => toSdkInt64(Number.NaN)).toThrow(InvalidParameterError);
    expect(() => toSdkInt64(SAFE + 1)).toThrow(/lost precision; pass a bigint/);
    expect(() => toSdkInt64(INT64_MAX + 1n)).toThrow(/outside the Int64 range/);
    expect(() => toSdkInt64(INT64_MIN - 1n)).toThrow(InvalidParameterError);
  });

  it('reads values around ±2^53 exactly, as numbers only while they are safe', () => {
    for (const edge of [2n ** 53n, -(2n ** 53n)])
      for (let d = -3n; d <= 3n; d++) {
        const n = edge + d;
        const back = fromSdkInt64(toSdkInt64(n));
        const safe = n >= BigInt(-SAFE) && n <= BigInt(SAFE);
        expect(back).toBe(safe ? Number(n) : n);
      }
  });

  it('reads Int64 values the SDK decoded from the wire', () => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(-(2n ** 60n));
    const Ctor = toSdkInt64(0).constructor as new (b: Buffer) => ReturnType<typeof toSdkInt64>;
    expect(fromSdkInt64(new Ctor(buf))).toBe(-(2n ** 60n));
  });
});
