import { IsInt, IsOptional, IsString, Length, Max, Min, NotEquals } from 'class-validator';

export class ChangePointsBody {
  @IsInt()
  @NotEquals(0, { message: 'delta must not be zero' })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  delta!: number;

  @IsString()
  @Length(1, 64)
  reason!: string;
}

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
