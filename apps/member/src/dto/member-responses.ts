import type { Member, PointsEntry, PointsPage } from '@retail/member';
import { LEVEL_THRESHOLDS } from '@retail/member';
import { Nullable } from '@retail/runtime';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Length, Matches, Min, NotEquals, ValidateNested } from 'class-validator';

// What the member routes return, described for the OpenAPI document (`@Returns`): the domain types
// carry no runtime metadata. Never used to validate; the checks below fail to compile on drift.
const MEMBER_ID = /^mem_[0-9a-hjkmnp-tv-z]{26}$/;
const PHONE = /^1\d{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MemberResponse {
  @Matches(MEMBER_ID) id!: string;
  @Matches(PHONE) phone!: string;
  @IsString() @Length(1, 32) name!: string;
  @Nullable() @Matches(DATE) birthday!: string | null;
  @IsIn(LEVEL_THRESHOLDS.map((threshold) => threshold.level).reverse()) level!: Member['level'];
  @IsInt() @Min(0) points!: number;
  @IsInt() @Min(0) lifetimePoints!: number;
  /** The channel app that registered the member. */
  @IsString() registeredChannel!: string;
  @IsISO8601() createdAt!: string;
}

export class PointsChangeResponse {
  /** The balance after the change. */
  @IsInt() @Min(0) balance!: number;
  @IsString() entryId!: string;
}

export class PointsEntryResponse {
  @IsString() id!: string;
  @IsInt() @NotEquals(0) delta!: number;
  @IsString() @Length(1, 64) reason!: string;
  @IsInt() @Min(0) balance!: number;
  @IsISO8601() at!: string;
}

export class PointsPageResponse {
  /** Newest first. */
  @ValidateNested({ each: true }) @Type(() => PointsEntryResponse) items!: PointsEntryResponse[];
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
  Assert<Documents<Member, MemberResponse>>,
  Assert<Documents<PointsEntry, PointsEntryResponse>>,
  Assert<Documents<PointsPage, PointsPageResponse>>,
  Assert<Documents<{ balance: number; entryId: string }, PointsChangeResponse>>,
];
