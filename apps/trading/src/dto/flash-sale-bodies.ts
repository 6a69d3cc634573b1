import { IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsAfter, UTC_MESSAGE, UTC_TIME } from './constraints.js';

export class CreateFlashSaleBody {
  @IsString()
  @Length(1, 64)
  storeId!: string;

  /** A sku the store carries, with at least `quantity` units available. */
  @IsString()
  @Length(1, 64)
  sku!: string;

  /** The flash price, fen. */
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  price!: number;

  /** Units set aside from the store's inventory for the sale. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;

  @IsInt()
  @Min(1)
  @Max(99)
  perMemberLimit!: number;

  @Matches(UTC_TIME, UTC_MESSAGE)
  @IsISO8601({ strict: true }, UTC_MESSAGE)
  startsAt!: string;

  /** After `startsAt`, and in the future. */
  @Matches(UTC_TIME, UTC_MESSAGE)
  @IsISO8601({ strict: true }, UTC_MESSAGE)
  @IsAfter('startsAt')
  endsAt!: string;
}

export class FlashPurchaseBody {
  @IsString()
  @Length(1, 64)
  memberId!: string;

  /** At most the sale's perMemberLimit, counting what the member bought before. */
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}
