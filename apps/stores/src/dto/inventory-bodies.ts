import { MAX_PRICE, MAX_QUANTITY } from '@retail/stores';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class PutInventoryBody {
  @IsString()
  @Length(1, 64)
  name!: string;

  /** Fen. */
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  price!: number;

  /** Becomes `available`. */
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  quantity!: number;
}
