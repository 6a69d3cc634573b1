import {
  COUPON_STATUSES,
  DISCOUNT_KINDS,
  MAX_PER_MEMBER,
  MAX_TOTAL,
  type Campaign,
  type Coupon,
  type CouponPage,
  type CouponStatus,
  type DiscountKind,
} from '@retail/coupons';
import { Nullable } from '@retail/runtime';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

// What the coupons routes return, described for the OpenAPI document (`@Returns`): the domain types
// carry no runtime metadata. Never used to validate; the checks below fail to compile on drift.
const CAMPAIGN_ID = /^cmp_[0-9a-hjkmnp-tv-z]{26}$/;
const COUPON_ID = /^cpn_[0-9a-hjkmnp-tv-z]{26}$/;
const MEMBER_ID = /^mem_[0-9a-hjkmnp-tv-z]{26}$/;

export class CampaignResponse {
  @Matches(CAMPAIGN_ID) id!: string;
  @IsString() @Length(1, 64) name!: string;
  @IsIn(DISCOUNT_KINDS) kind!: DiscountKind;
  /** Fen off (`amount-off`) or percent off (`percent-off`, 1..99). */
  @IsInt() @Min(1) value!: number;
  /** The subtotal (fen) an order must reach for a coupon of this campaign to apply. */
  @IsInt() @Min(0) minSpend!: number;
  @IsInt() @Min(1) @Max(MAX_TOTAL) total!: number;
  @IsInt() @Min(1) @Max(MAX_PER_MEMBER) perMemberLimit!: number;
  @IsISO8601() startsAt!: string;
  /** Claims are taken before this; the campaign's coupons expire at it. */
  @IsISO8601() endsAt!: string;
  /** Coupons left to claim right now. */
  @IsInt() @Min(0) remaining!: number;
  @IsISO8601() createdAt!: string;
}

export class CouponResponse {
  @Matches(COUPON_ID) id!: string;
  @Matches(CAMPAIGN_ID) campaignId!: string;
  @Matches(MEMBER_ID) memberId!: string;
  /** `expired`: an available coupon at or after `expiresAt`. */
  @IsIn(COUPON_STATUSES) status!: CouponStatus;
  /** The campaign's `endsAt`. */
  @IsISO8601() expiresAt!: string;
  @IsISO8601() claimedAt!: string;
}

export class CouponPageResponse {
  /** Newest first. */
  @ValidateNested({ each: true }) @Type(() => CouponResponse) items!: CouponResponse[];
  @Nullable() @IsString() nextCursor!: string | null;
}

/** `true` when the documented class has exactly the domain type's keys and accepts its values. */
type Documents<Domain, Documented> = [Domain] extends [Documented]
  ? [keyof Documented] extends [keyof Domain]
    ? [keyof Domain] extends [keyof Documented]
      ? true
      : false
    : false
  : false;
type Assert<T extends true> = T;
type _DocumentedShapes = [
  Assert<Documents<Campaign, CampaignResponse>>,
  Assert<Documents<Coupon, CouponResponse>>,
  Assert<Documents<CouponPage, CouponPageResponse>>,
];
