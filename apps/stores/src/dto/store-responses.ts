import { Nullable } from '@retail/runtime';
import {
  STORE_FORMATS,
  type InventoryItem,
  type InventoryPage,
  type NearbyStore,
  type Store,
  type StoreFormat,
} from '@retail/stores';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// What the stores routes return, described for the OpenAPI document (`@Returns`): the domain types
// carry no runtime metadata. Never used to validate; the checks below fail to compile on drift.
const STORE_ID = /^sto_[0-9a-hjkmnp-tv-z]{26}$/;
const SKU = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class LocationResponse {
  @IsNumber() @Min(-90) @Max(90) lat!: number;
  @IsNumber() @Min(-180) @Max(180) lng!: number;
}

export class StoreResponse {
  @Matches(STORE_ID) id!: string;
  @IsString() @Length(1, 64) name!: string;
  @IsIn(STORE_FORMATS) format!: StoreFormat;
  @IsString() @Length(1, 32) city!: string;
  @IsString() @Length(1, 128) address!: string;
  @ValidateNested() @Type(() => LocationResponse) location!: LocationResponse;
  @Matches(HH_MM) opensAt!: string;
  /** Earlier than `opensAt` for a store open past midnight. */
  @Matches(HH_MM) closesAt!: string;
  @IsISO8601() createdAt!: string;
}

/** A store in `GET /stores`: with `near`, also its distance. */
export class StoreListItemResponse extends StoreResponse {
  /** Great-circle kilometres from `near`, rounded to 3 decimals; only in a search with `near`. */
  @IsOptional() @IsNumber() @Min(0) distanceKm?: number;
}

export class StorePageResponse {
  /** Nearest first with `near`, otherwise in id (creation) order. */
  @ValidateNested({ each: true }) @Type(() => StoreListItemResponse) items!: StoreListItemResponse[];
  @Nullable() @IsString() nextCursor!: string | null;
}

export class InventoryItemResponse {
  @Matches(STORE_ID) storeId!: string;
  @Matches(SKU) sku!: string;
  @IsString() @Length(1, 64) name!: string;
  /** Fen. */
  @IsInt() @Min(0) price!: number;
  /** Units free to sell now. */
  @IsInt() @Min(0) available!: number;
}

export class InventoryPageResponse {
  /** In sku order. */
  @ValidateNested({ each: true }) @Type(() => InventoryItemResponse) items!: InventoryItemResponse[];
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
  Assert<Documents<Store, StoreResponse>>,
  Assert<Documents<NearbyStore, StoreListItemResponse>>,
  Assert<Documents<{ items: (Store | NearbyStore)[]; nextCursor: string | null }, StorePageResponse>>,
  Assert<Documents<InventoryItem, InventoryItemResponse>>,
  Assert<Documents<InventoryPage, InventoryPageResponse>>,
];
