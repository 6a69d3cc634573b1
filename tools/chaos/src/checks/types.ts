/** One invariant, checked: its name, whether it held, and what was wrong when it did not. */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** The first few violations, when it failed. */
  readonly problems: readonly string[];
}

/**
 * A check from the violations found: passed when there are none.
 *
 * @example
 * check('held is zero', skus.filter((sku) => held[sku] !== 0).map((sku) => `${sku}: ${held[sku]} held`))
 */
export function check(name: string, problems: readonly string[]): CheckResult {
  return { name, passed: problems.length === 0, problems: problems.slice(0, 5) };
}

/** Sums a number over items. */
export function sum<T>(items: Iterable<T>, of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}
