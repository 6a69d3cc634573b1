import type { DiscountKind } from '../rules.js';

/** A campaign as the contract shows it. Money in fen, times ISO-8601 UTC. */
export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly kind: DiscountKind;
  /** Fen off (`amount-off`) or percent off (`percent-off`, 1..99). */
  readonly value: number;
  /** The subtotal an order must reach for a coupon to apply. */
  readonly minSpend: number;
  readonly total: number;
  readonly perMemberLimit: number;
  readonly startsAt: string;
  /** Claims are taken before this; the campaign's coupons expire at it. */
  readonly endsAt: string;
  /** Coupons left to claim right now. */
  readonly remaining: number;
  readonly createdAt: string;
}

export interface CreateCampaignInput {
  /** 1 to 64 characters. */
  readonly name: string;
  readonly kind: DiscountKind;
  /** `amount-off`: integer fen 1..1e9; `percent-off`: integer 1..99. */
  readonly value: number;
  /** Integer fen >= 0. */
  readonly minSpend: number;
  /** 1 to 10,000,000 coupons. */
  readonly total: number;
  /** 1 to 20 coupons per member. */
  readonly perMemberLimit: number;
  /** ISO-8601 UTC (`2026-11-11T00:00:00Z`). */
  readonly startsAt: string;
  /** ISO-8601 UTC, after `startsAt`. */
  readonly endsAt: string;
}
