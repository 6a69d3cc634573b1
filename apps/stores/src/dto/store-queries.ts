import { MAX_RADIUS_KM, STORE_FORMATS, type StoreFormat } from '@retail/stores';
import { IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
import { IsLatLng, OnlyWith } from './query-validators.js';

/** `GET /stores`: filters, a nearby point and radius, and a page. */
export class SearchStoresQuery {
  @IsOptional()
  @IsString()
  @Length(1, 32)
  city?: string;

  @IsOptional()
  @IsIn(STORE_FORMATS, { message: `format must be one of ${STORE_FORMATS.join(', ')}` })
  format?: StoreFormat;

  @IsOptional()
  @IsLatLng()
  near?: string;

  /** Kilometres around `near`; default 5. */
  @IsOptional()
  @OnlyWith('near')
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_RADIUS_KM)
  radiusKm?: number;

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

/** `GET /stores/{id}/inventory`: a page. */
export class ListQuery {
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
