/** What a coupon's stored status is; `expired` is computed on read. */
export type StoredCouponStatus = 'available' | 'locked' | 'used';

/** A coupon's status as readers see it: an `available` coupon at or after `expiresAt` is `expired`. */
export type CouponStatus = StoredCouponStatus | 'expired';

/** A coupon as the contract shows it. */
export interface Coupon {
  readonly id: string;
  readonly campaignId: string;
  readonly memberId: string;
  readonly status: CouponStatus;
  /** The campaign's `endsAt` (ISO-8601 UTC). */
  readonly expiresAt: string;
  readonly claimedAt: string;
}

/**
 * One request to claim a coupon, as its retries name it (the transport builds it from the
 * request's Idempotency-Key, decision 0011): every attempt with the same seed and time claims, or
 * finds, the same coupon.
 */
export interface ClaimAttempt {
  /** Unique to the request: the key's scope, the key, the campaign and the member, line-separated. */
  readonly seed: string;
  /** When the request was first made (epoch ms): the coupon's `claimedAt` and the time part of its id. */
  readonly at: number;
  /**
   * Whether an earlier attempt may have done part of the work (default true). False only on the
   * first attempt: then nothing can exist under the coupon's id, and nothing is looked up first.
   */
  readonly resumed?: boolean | undefined;
}

export interface ListCouponsInput {
  readonly memberId: string;
  /** Only coupons with this (effective) status. */
  readonly status?: CouponStatus | undefined;
  /** 1 to 100. */
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | null | undefined;
}

export interface CouponPage {
  /** Newest first. */
  readonly items: Coupon[];
  readonly nextCursor: string | null;
}

/** What trading gives to lock a coupon for an order. */
export interface LockForOrderInput {
  /** The member placing the order: the coupon must be theirs. */
  readonly memberId: string;
  /** The lock's owner; a repeated lock by the same order gets the same answer. */
  readonly orderId: string;
  /** The order's subtotal in fen, before the discount. */
  readonly subtotal: number;
  /** The time of the order (ms); default the service's clock. */
  readonly now?: number | undefined;
}

export interface CouponLock {
  readonly couponId: string;
  /** Fen off the subtotal, never more than it. */
  readonly discount: number;
}

/** What a sweep of a campaign's claims repaired. */
export interface SweepReport {
  /** Holds whose coupon was issued, made final. */
  readonly confirmed: number;
  /** Holds of claims that died before their coupon, given back to the campaign. */
  readonly givenBack: number;
}
