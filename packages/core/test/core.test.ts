import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DomainError,
  isId,
  manualClock,
  newId,
  NotFoundError,
  percentOff,
  sumFen,
  wholeYuan,
} from '../src/index.js';

describe('ids', () => {
  it('are prefixed, valid, unique and sort by creation even within one millisecond', () => {
    const at = Date.UTC(2026, 10, 11);
    const ids = Array.from({ length: 1000 }, () => newId('ord', at));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => isId('ord', id))).toBe(true);
    expect(newId('ord', at + 1) > ids.at(-1)!).toBe(true);
  });

  it('refuse foreign prefixes, bad prefixes and tampered values', () => {
    const id = newId('mem');
    expect(isId('ord', id)).toBe(false);
    expect(isId('mem', `${id}x`)).toBe(false);
    expect(isId('mem', id.toUpperCase())).toBe(false);
    expect(() => newId('Bad')).toThrow(/prefix/);
  });
});

describe('money', () => {
  it('takes percentages rounded down to a whole fen', () => {
    expect(percentOff(1999, 15)).toBe(299);
    expect(percentOff(1, 99)).toBe(0);
    expect(() => percentOff(100, 101)).toThrow(RangeError);
  });

  it('counts whole yuan and sums safely', () => {
    expect(wholeYuan(12_399)).toBe(123);
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('clock and errors', () => {
  it('a manual clock moves only when told', () => {
    const clock = manualClock('2026-11-11T00:00:00Z');
    clock.advance(60_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-11T00:01:00.000Z');
  });

  it('domain errors carry a kind and a stable code', () => {
    const missing = new NotFoundError('member', 'mem_x');
    expect(missing).toBeInstanceOf(DomainError);
    expect([missing.kind, missing.code, missing.message]).toEqual(['not-found', 'not-found', "No member with id 'mem_x'."]);
    const taken = new ConflictError('phone-taken', 'This phone number is already registered.');
    expect([taken.kind, taken.code]).toEqual(['conflict', 'phone-taken']);
  });
});
