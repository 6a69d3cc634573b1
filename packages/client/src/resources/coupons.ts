import { segment, type Transport } from '../transport.js';
import type { CallOptions, IdempotentCallOptions, Page } from '../types/common.js';
import type { ClaimInput, Coupon, CouponCampaign, CouponQuery, CreateCampaignInput } from '../types/coupons.js';

/** `/coupon-campaigns`: campaigns (created by the admin channel) and claims. */
export function couponCampaignsApi(transport: Transport) {
  return {
    /** `POST /coupon-campaigns` (admin) -> 201 with `remaining`. */
    create: (input: CreateCampaignInput, options?: CallOptions) =>
      transport.call<CouponCampaign>('POST', '/coupon-campaigns', { ...options, body: input }),
    /** `GET /coupon-campaigns/{id}` with the live `remaining`. */
    get: (id: string, options?: CallOptions) =>
      transport.call<CouponCampaign>('GET', `/coupon-campaigns/${segment(id)}`, options),
    /**
     * `POST /coupon-campaigns/{id}/claims` (idempotent) -> 201 coupon; `409` `campaign-not-active`,
     * `sold-out`, `limit-reached`; `404` for an unknown member.
     */
    claim: (id: string, input: ClaimInput, options?: IdempotentCallOptions) =>
      transport.call<Coupon>('POST', `/coupon-campaigns/${segment(id)}/claims`, { ...options, body: input }),
  };
}

/** `/coupons`: a member's coupons. */
export function couponsApi(transport: Transport) {
  return {
    /** `GET /coupons/{id}`. */
    get: (id: string, options?: CallOptions) => transport.call<Coupon>('GET', `/coupons/${segment(id)}`, options),
    /** `GET /coupons?memberId=&status=`. */
    list: (query: CouponQuery = {}, options?: CallOptions) =>
      transport.call<Page<Coupon>>('GET', '/coupons', { ...options, query: { ...query } }),
  };
}
