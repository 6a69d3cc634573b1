import { InvalidParameterError } from './errors.js';
import { SdkInt64Class, type SdkInt64 } from './sdk/sdk.js';
import type { Int64Value } from './types/values.js';

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/**
 * A number or bigint as the SDK's Int64. Numbers must be safe integers (beyond ±(2^53 - 1) a
 * number has already lost precision: pass a bigint); bigints must fit in 64 bits.
 *
 * @example
 * toSdkInt64(42); toSdkInt64(2n ** 60n);
 */
export function toSdkInt64(value: Int64Value, what = 'value'): SdkInt64 {
  let big: bigint;
  if (typeof value === 'bigint') {
    big = value;
  } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
    big = BigInt(value);
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    throw new InvalidParameterError(`${what}: ${value} is beyond ±(2^53 - 1) and has lost precision; pass a bigint`);
  } else {
    throw new InvalidParameterError(`${what}: ${String(value)} is not an integer (declare the column 'double' or use double(x))`);
  }
  if (big < INT64_MIN || big > INT64_MAX) {
    throw new InvalidParameterError(`${what}: ${big} is outside the Int64 range`);
  }
  const buf = Buffer.alloc(8);
  buf.writeBigInt64LE(big);
  return new SdkInt64Class(buf);
}

/**
 * The SDK's Int64 as a number when it is a safe integer, else as a bigint: never a silently
 * rounded number (the SDK's own `toNumber()` rounds beyond 2^53, so its answer is kept only when
 * it is a safe integer; otherwise the bytes are read as a bigint).
 *
 * @example
 * fromSdkInt64(x) // 42, or 9007199254740993n
 */
export function fromSdkInt64(value: SdkInt64): number | bigint {
  // The usual case without a copy or a bigint: high * 2^32 + low is exact whenever the value is
  // safe, and a value beyond ±(2^53 - 1) cannot round to a safe integer.
  const approximate = value.toNumber();
  if (Number.isSafeInteger(approximate)) return approximate;
  return value.toBuffer().readBigInt64LE(0);
}

/** The SDK's Int64 as a bigint, always. */
export function sdkInt64ToBigInt(value: SdkInt64): bigint {
  return value.toBuffer().readBigInt64LE(0);
}
