import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class ListOrdersQuery {
  /** Whose orders: required (there is no list of everyone's). */
  @Matches(/^mem_[0-9a-hjkmnp-tv-z]{26}$/, { message: 'memberId must be a member id (mem_...)' })
  memberId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @Length(1, 512)
  cursor?: string;
}
