/** An amount of money in fen (1/100 yuan), a non-negative safe integer. */
export type Fen = number;

/** Whether a value is a valid amount in fen. */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * `percent` off an amount, rounded down to a whole fen (the customer never gets a fraction).
 *
 * @example
 * percentOff(1999, 15) // 299
 */
export function percentOff(amount: Fen, percent: number): Fen {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`A percentage is 0..100, got ${percent}.`);
  return Math.floor((amount * percent) / 100);
}

/**
 * Whole yuan in an amount (points are earned per whole yuan).
 *
 * @example
 * wholeYuan(12_345) // 123
 */
export function wholeYuan(amount: Fen): number {
  return Math.floor(amount / 100);
}

/** Sums amounts, refusing a total beyond the safe integer range. */
export function sumFen(amounts: readonly Fen[]): Fen {
  const total = amounts.reduce((sum, amount) => sum + amount, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('The total is beyond the safe integer range.');
  return total;
}
