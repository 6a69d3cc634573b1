// @retail/coupons: the coupons domain's use-cases and storage. No transport, no environment.
export { CouponService, DEFAULT_CLAIM_GRACE_MS, type CouponServiceOptions } from './coupon-service.js';
export type { MemberDirectory } from './deps.js';
export { SWEEP_AFTER_END_MS, type RunningSweepReport } from './sweep.js';
export {
  DISCOUNT_KINDS,
  DISCOUNT_STRATEGIES,
  discountFor,
  isDiscountKind,
  type DiscountKind,
  type DiscountRule,
  type DiscountStrategy,
} from './rules.js';
export { COUPON_STATUSES, MAX_AMOUNT_OFF, MAX_PER_MEMBER, MAX_TOTAL, UTC_TIME } from './checks.js';
export {
  bindCouponsTables,
  couponCampaignShardsTable,
  couponCampaignsTable,
  couponClaimsTable,
  couponsTable,
  couponsTables,
  memberCouponsTable,
  type CouponsTables,
} from './tables.js';
export { couponKey } from './shard.js';
export type * from './types/campaign.js';
export type * from './types/coupon.js';
