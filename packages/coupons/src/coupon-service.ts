import { BoundedCache, type Clock } from '@retail/core';
import type { TablestoreClient } from '@retail/tablestore';
import { createCampaign, getCampaign } from './campaigns.js';
import { claimCoupon } from './claim.js';
import type { CouponDeps, MemberDirectory } from './deps.js';
import { getCoupon } from './find-coupon.js';
import { HoldRepairs } from './hold-repairs.js';
import { SellOuts } from './sell-outs.js';
import { listCoupons } from './list-coupons.js';
import { lockForOrder, releaseFromOrder, useForOrder } from './order-locks.js';
import { sweepCampaignById, sweepRunning, type RunningSweepReport } from './sweep.js';
import { bindCouponsTables, type CouponsTables } from './tables.js';
import type { Campaign, CreateCampaignInput } from './types/campaign.js';
import type {
  ClaimAttempt,
  Coupon,
  CouponLock,
  CouponPage,
  ListCouponsInput,
  LockForOrderInput,
  SweepReport,
} from './types/coupon.js';

/** Longer than any function timeout: a claim younger than this may still be running. */
export const DEFAULT_CLAIM_GRACE_MS = 60_000;
/** Campaigns one process keeps (each grab names one; a few run at once). */
const CAMPAIGNS_KEPT = 500;

export type CouponServiceOptions = ({ readonly client: TablestoreClient } | { readonly tables: CouponsTables }) & {
  readonly clock: Clock;
  /** Whether members exist: needed by `claim` and `list`, not by trading's lock, release and use. */
  readonly members?: MemberDirectory;
  /** How old a claim's hold or slot must be, with no coupon, to count as abandoned. Default 60 s. */
  readonly claimGraceMs?: number;
  /** Called with storage errors of writes that did not fail the request and are repaired later: log them. */
  readonly onDeferredError?: (error: unknown) => void;
};

/**
 * The coupons domain's use-cases over the coupons tables. Create one per process (it caches
 * campaign rows, which never change, and shares repairs between concurrent claims) and share it.
 *
 * @example
 * const coupons = new CouponService({ client, clock: systemClock, members });
 * const campaign = await coupons.createCampaign({ name: 'Double 11', kind: 'amount-off', value: 500, minSpend: 3000,
 *   total: 1000, perMemberLimit: 1, startsAt: '2026-11-11T00:00:00Z', endsAt: '2026-11-12T00:00:00Z' });
 * const coupon = await coupons.claim(campaign.id, memberId);
 */
export class CouponService {
  private readonly deps: CouponDeps;

  constructor(options: CouponServiceOptions) {
    this.deps = {
      tables: 'tables' in options ? options.tables : bindCouponsTables(options.client),
      clock: options.clock,
      members: options.members,
      claimGraceMs: options.claimGraceMs ?? DEFAULT_CLAIM_GRACE_MS,
      campaigns: new BoundedCache(CAMPAIGNS_KEPT),
      holdRepairs: new HoldRepairs(),
      sellOuts: new SellOuts(),
      onDeferredError: options.onDeferredError ?? (() => {}),
    };
  }

  /**
   * Creates a campaign; `ValidationError` names every bad field.
   *
   * @example
   * await coupons.createCampaign({ name: '15% off', kind: 'percent-off', value: 15, minSpend: 0, total: 100,
   *   perMemberLimit: 3, startsAt: '2026-11-11T00:00:00Z', endsAt: '2026-11-12T00:00:00Z' });
   */
  createCampaign(input: CreateCampaignInput): Promise<Campaign> {
    return createCampaign(this.deps, input);
  }

  /**
   * The campaign with its live `remaining`, or `NotFoundError`.
   *
   * @example
   * const { remaining } = await coupons.getCampaign('cmp_01j9z3k5q8x7v2w4t6y8r0p2n4');
   */
  getCampaign(campaignId: string): Promise<Campaign> {
    return getCampaign(this.deps, campaignId);
  }

  /**
   * Claims a coupon for a member. Refusals: `NotFoundError` (campaign, member), `ConflictError`
   * `campaign-not-active`, `sold-out`, `limit-reached`; `UnavailableError` `claim-busy` (retry).
   * With an `attempt` (from the request's Idempotency-Key) the coupon id comes from the request:
   * a retry after a lost answer answers or finishes the same claim, never a second one.
   *
   * @example
   * const coupon = await coupons.claim(campaignId, memberId); // { id, campaignId, memberId, status: 'available', ... }
   * const same = await coupons.claim(campaignId, memberId, { seed: `wechat|coupons\n${key}\n${campaignId}\n${memberId}`, at: firstAt });
   */
  claim(campaignId: string, memberId: string, attempt?: ClaimAttempt): Promise<Coupon> {
    return claimCoupon(this.deps, campaignId, memberId, attempt);
  }

  /**
   * The coupon, with its effective status, or `NotFoundError`.
   *
   * @example
   * const { status } = await coupons.get(couponId); // 'available' | 'locked' | 'used' | 'expired'
   */
  get(couponId: string): Promise<Coupon> {
    return getCoupon(this.deps, couponId);
  }

  /**
   * A page of a member's coupons, newest first, optionally of one effective status.
   *
   * @example
   * const page = await coupons.list({ memberId, status: 'available', limit: 20 });
   * const next = await coupons.list({ memberId, status: 'available', limit: 20, cursor: page.nextCursor });
   */
  list(input: ListCouponsInput): Promise<CouponPage> {
    return listCoupons(this.deps, input);
  }

  /**
   * Locks the member's coupon for an order and says what it takes off the subtotal. The same
   * order locking again gets the same answer. `ConflictError('coupon-not-applicable')` when the
   * coupon is not the member's, not available (locked by another order, used, expired) or its
   * minimum spend is not met; `NotFoundError` for an unknown coupon.
   *
   * @example
   * const { discount } = await coupons.lockForOrder(couponId, { memberId, orderId, subtotal: 12_800 });
   */
  lockForOrder(couponId: string, input: LockForOrderInput): Promise<CouponLock> {
    return lockForOrder(this.deps, couponId, input);
  }

  /**
   * Makes a coupon locked by this order available again (the order was cancelled or expired).
   * Anything else changes nothing and is no error (a repeated cancellation). True when this call released it.
   *
   * @example
   * await coupons.releaseFromOrder(couponId, orderId);
   */
  releaseFromOrder(couponId: string, orderId: string): Promise<boolean> {
    return releaseFromOrder(this.deps, couponId, orderId);
  }

  /**
   * Marks a coupon locked by this order used (the order was paid); repeating it changes nothing.
   * `ConflictError('coupon-not-locked')` when it is not locked by this order or used by another.
   *
   * @example
   * await coupons.useForOrder(couponId, orderId);
   */
  useForOrder(couponId: string, orderId: string): Promise<void> {
    return useForOrder(this.deps, couponId, orderId);
  }

  /**
   * Settles the campaign's claims that stopped short longer than the grace period ago.
   *
   * @example
   * const { confirmed, givenBack } = await coupons.sweep(campaignId, Date.now());
   */
  sweep(campaignId: string, now: number = this.deps.clock.now()): Promise<SweepReport> {
    return sweepCampaignById(this.deps, campaignId, now);
  }

  /**
   * Sweeps every running (or just ended) campaign: the `sweep-claims` job of the coupons function.
   *
   * @example
   * jobs: { 'sweep-claims': () => coupons.sweepRunning() }
   */
  sweepRunning(now: number = this.deps.clock.now()): Promise<RunningSweepReport> {
    return sweepRunning(this.deps, now);
  }
}
