import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// Ids in bodies are only strings here: one of the wrong shape names nothing, which is the
// contract's 404, answered by the controller before any storage call (see controllers/ids.ts).

export class OrderLineBody {
  /** A sku the store carries; one it does not is 404. */
  @IsString()
  @Length(1, 64)
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

export class CreateOrderBody {
  @IsString()
  @Length(1, 64)
  memberId!: string;

  @IsString()
  @Length(1, 64)
  storeId!: string;

  /** One line per sku (a sku listed twice is 400 naming the second line's sku). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderLineBody)
  items!: OrderLineBody[];

  /** A coupon of the member's, `available`, whose campaign's minSpend the subtotal meets. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  couponId?: string;
}

export class PaymentBody {
  /** The payment provider's reference; the same one again returns the paid order. */
  @IsString()
  @Length(1, 64)
  paymentRef!: string;

  /** Fen; must be the order's total. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;
}
