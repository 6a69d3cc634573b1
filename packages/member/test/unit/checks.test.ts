import { ValidationError } from '@retail/core';
import { describe, expect, it } from 'vitest';
import {
  checkListPoints,
  checkPointsChange,
  checkRegister,
  checkUpdate,
  decodePointsCursor,
  encodePointsCursor,
} from '../../src/checks.js';

const NOW = Date.UTC(2026, 10, 11);

function problems(fn: () => void): Record<string, string[]> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return Object.fromEntries((error as ValidationError).problems.map((p) => [p.field, p.messages]));
  }
  return {};
}

describe('domain checks', () => {
  it('accept a good registration and name every bad field at once', () => {
    expect(
      problems(() => checkRegister({ phone: '13800000000', name: 'Li Lei', birthday: '1990-02-28', channel: 'pos' }, NOW)),
    ).toEqual({});
    const bad = problems(() => checkRegister({ phone: '2380000000', name: '  ', birthday: '2023-02-30', channel: '' }, NOW));
    expect(Object.keys(bad).sort()).toEqual(['birthday', 'channel', 'name', 'phone']);
  });

  it('birthdays are real dates, from 1900, not in the future; null and absent pass', () => {
    const birthday = (b: string | null | undefined) => problems(() => checkUpdate({ birthday: b }, NOW)).birthday;
    expect(birthday('2000-02-29')).toBeUndefined();
    expect(birthday(null)).toBeUndefined();
    expect(birthday(undefined)).toBeUndefined();
    expect(birthday('2026-11-11')).toBeUndefined();
    expect(birthday('2026-11-12')).toEqual(['must not be in the future']);
    const noonUtc = NOW + 12 * 3_600_000; // 02:00 on the 12th in UTC+14: a birthday today there passes
    expect(problems(() => checkUpdate({ birthday: '2026-11-12' }, noonUtc))).toEqual({});
    expect(problems(() => checkUpdate({ birthday: '2026-11-13' }, noonUtc))).toHaveProperty('birthday');
    expect(birthday('1900-02-29')).toHaveLength(1); // not a leap year
    expect(birthday('1899-12-31')).toHaveLength(1);
    expect(birthday('1990-1-1')).toHaveLength(1);
  });

  it('points changes: a non-zero safe integer, a reason of 1..64, an optional ref of 1..128', () => {
    expect(problems(() => checkPointsChange({ delta: -5, reason: 'x', ref: 'order:ord_1' }))).toEqual({});
    for (const delta of [0, 1.5, Number.MAX_SAFE_INTEGER + 1, NaN]) {
      expect(problems(() => checkPointsChange({ delta, reason: 'x' }))).toHaveProperty('delta');
    }
    expect(problems(() => checkPointsChange({ delta: 1, reason: 'x'.repeat(65) }))).toHaveProperty('reason');
    expect(problems(() => checkPointsChange({ delta: 1, reason: '' }))).toHaveProperty('reason');
    expect(problems(() => checkPointsChange({ delta: 1, reason: 'x', ref: '' }))).toHaveProperty('ref');
    expect(problems(() => checkPointsChange({ delta: 1, reason: 'x', ref: 'r'.repeat(129) }))).toHaveProperty('ref');
  });

  it('list limits are 1..100; cursors round-trip and anything else is refused', () => {
    expect(checkListPoints({ limit: 1 })).toEqual({ limit: 1, fromSeq: undefined });
    expect(checkListPoints({ limit: 100, cursor: encodePointsCursor(42) })).toEqual({ limit: 100, fromSeq: 42 });
    expect(problems(() => checkListPoints({ limit: 0 }))).toHaveProperty('limit');
    expect(problems(() => checkListPoints({ limit: 101 }))).toHaveProperty('limit');
    for (const cursor of [
      '',
      'abc',
      encodePointsCursor(42) + 'A',
      Buffer.from('p1:0').toString('base64url'),
      Buffer.from('p1:-1').toString('base64url'),
    ]) {
      expect(decodePointsCursor(cursor)).toBeNull();
      expect(problems(() => checkListPoints({ limit: 5, cursor }))).toHaveProperty('cursor');
    }
  });
});
