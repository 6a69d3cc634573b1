import { DISCOUNT_KINDS, MAX_PER_MEMBER, MAX_TOTAL, UTC_TIME, type DiscountKind } from '@retail/coupons';
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAfter, IsDiscountValue } from './constraints.js';

const UTC_MESSAGE = { message: '$property must be an ISO-8601 UTC time, e.g. 2026-11-11T00:00:00Z' };

export class CreateCampaignBody {
  @IsString()
  @Length(1, 64)
  name!: string;

  @IsIn(DISCOUNT_KINDS)
  kind!: DiscountKind;

  @IsDiscountValue()
  value!: number;

  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minSpend!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_TOTAL)
  total!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_PER_MEMBER)
  perMemberLimit!: number;

  @Matches(UTC_TIME, UTC_MESSAGE)
  @IsISO8601({ strict: true }, UTC_MESSAGE)
  startsAt!: string;

  @Matches(UTC_TIME, UTC_MESSAGE)
  @IsISO8601({ strict: true }, UTC_MESSAGE)
  @IsAfter('startsAt')
  endsAt!: string;
}

export class ClaimBody {
  @IsString()
  @Length(1, 64)
  memberId!: string;
}
