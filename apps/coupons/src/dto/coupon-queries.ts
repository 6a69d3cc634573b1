import { COUPON_STATUSES, type CouponStatus } from '@retail/coupons';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CouponsQuery {
  @Matches(/^mem_[0-9a-z]{26}$/, { message: 'memberId must be a member id (mem_...)' })
  memberId!: string;

  @IsOptional()
  @IsIn(COUPON_STATUSES)
  status?: CouponStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}
