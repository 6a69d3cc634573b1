import type { FlashSale, FlashSaleStatus } from '@retail/trading';
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Assert, Documents } from './documents.js';

// What the flash-sale routes return, described for the OpenAPI document (`@Returns`). Never used
// to validate; the check below fails to compile on drift.
const ULID = '[0-9a-hjkmnp-tv-z]{26}';
const SALE_STATUSES = ['scheduled', 'running', 'ended'] as const satisfies readonly FlashSaleStatus[];

export class FlashSaleResponse {
  @Matches(new RegExp(`^fls_${ULID}$`)) id!: string;
  @Matches(new RegExp(`^sto_${ULID}$`)) storeId!: string;
  @IsString() @Length(1, 64) sku!: string;
  /** The sku's name in the store's inventory. */
  @IsString() name!: string;
  /** The flash price, fen. */
  @IsInt() @Min(0) @Max(1_000_000_000) price!: number;
  /** Units set aside for the sale. */
  @IsInt() @Min(1) @Max(1_000_000) quantity!: number;
  @IsInt() @Min(1) @Max(99) perMemberLimit!: number;
  @IsISO8601() startsAt!: string;
  @IsISO8601() endsAt!: string;
  /** Units still for sale now (0 once the sale ended and its unsold units went back to the store). */
  @IsInt() @Min(0) remaining!: number;
  /** By its times; `ended` once its unsold units went back. */
  @IsIn(SALE_STATUSES) status!: FlashSaleStatus;
  @IsISO8601() createdAt!: string;
}

type _DocumentedShapes = [Assert<Documents<FlashSale, FlashSaleResponse>>];
