import { describe, expect, it } from 'vitest';
import { DISCOUNT_KINDS, DISCOUNT_STRATEGIES, discountFor } from '../../src/index.js';

describe('discount strategies', () => {
  it('amount-off takes its value off, never more than the subtotal', () => {
    expect(discountFor({ kind: 'amount-off', value: 500, minSpend: 0 }, 3000)).toBe(500);
    expect(discountFor({ kind: 'amount-off', value: 500, minSpend: 0 }, 300)).toBe(300);
    expect(discountFor({ kind: 'amount-off', value: 500, minSpend: 0 }, 0)).toBe(0);
  });

  it('percent-off rounds down to a whole fen', () => {
    expect(discountFor({ kind: 'percent-off', value: 15, minSpend: 0 }, 1999)).toBe(299);
    expect(discountFor({ kind: 'percent-off', value: 99, minSpend: 0 }, 1)).toBe(0);
    expect(discountFor({ kind: 'percent-off', value: 50, minSpend: 0 }, 1001)).toBe(500);
  });

  it('has one strategy per kind, each within 0..subtotal for any subtotal', () => {
    expect(Object.keys(DISCOUNT_STRATEGIES).sort()).toEqual([...DISCOUNT_KINDS].sort());
    for (const kind of DISCOUNT_KINDS) {
      for (const subtotal of [0, 1, 99, 100, 12_345, 1e12]) {
        for (const value of [1, 50, 99, 1_000_000_000]) {
          const discount = discountFor(
            { kind, value: kind === 'percent-off' ? Math.min(value, 99) : value, minSpend: 0 },
            subtotal,
          );
          expect(Number.isInteger(discount) && discount >= 0 && discount <= subtotal).toBe(true);
        }
      }
    }
  });
});
