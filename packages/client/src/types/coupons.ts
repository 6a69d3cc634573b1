import type { Fen, IsoTime, PageOptions } from './common.js';

export type CampaignKind = 'amount-off' | 'percent-off';
export type CouponStatus = 'available' | 'locked' | 'used' | 'expired';

export interface CreateCampaignInput {
  name: string;
  kind: CampaignKind;
  /** Fen off (`amount-off`) or percent off, 1..99 (`percent-off`). */
  value: number;
  minSpend: Fen;
  total: number;
  perMemberLimit: number;
  startsAt: IsoTime;
  endsAt: IsoTime;
}

export interface CouponCampaign extends CreateCampaignInput {
  id: string;
  /** Coupons still to claim, live. */
  remaining: number;
}

export interface ClaimInput {
  memberId: string;
}

export interface Coupon {
  id: string;
  campaignId: string;
  memberId: string;
  status: CouponStatus;
  /** The campaign's `endsAt`. */
  expiresAt: IsoTime;
}

export interface CouponQuery extends PageOptions {
  memberId?: string;
  status?: CouponStatus;
}
