import { percentOff, type Fen } from '@retail/core';

/** The discount kinds a campaign can have. */
export const DISCOUNT_KINDS = ['amount-off', 'percent-off'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** A coupon's rule, copied from its campaign when it is claimed. */
export interface DiscountRule {
  readonly kind: DiscountKind;
  readonly value: number;
  readonly minSpend: Fen;
}

/** Fen off a subtotal under one kind of rule; never more than the subtotal. */
export type DiscountStrategy = (rule: DiscountRule, subtotal: Fen) => Fen;

/**
 * One small strategy per kind (STYLE.md: promotion rules are declarative strategies). A new kind
 * is a new entry here and in {@link DISCOUNT_KINDS}; nothing else branches on it.
 */
export const DISCOUNT_STRATEGIES: Readonly<Record<DiscountKind, DiscountStrategy>> = {
  'amount-off': (rule, subtotal) => Math.min(rule.value, subtotal),
  'percent-off': (rule, subtotal) => Math.min(percentOff(subtotal, rule.value), subtotal),
};

/**
 * The discount a rule gives on a subtotal (whether `minSpend` is met is the caller's check).
 *
 * @example
 * discountFor({ kind: 'percent-off', value: 15, minSpend: 0 }, 1999) // 299
 * discountFor({ kind: 'amount-off', value: 500, minSpend: 0 }, 300) // 300
 */
export function discountFor(rule: DiscountRule, subtotal: Fen): Fen {
  return DISCOUNT_STRATEGIES[rule.kind](rule, subtotal);
}

export function isDiscountKind(value: unknown): value is DiscountKind {
  return (DISCOUNT_KINDS as readonly unknown[]).includes(value);
}
