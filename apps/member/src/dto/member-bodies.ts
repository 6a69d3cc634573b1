import { IsISO8601, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

const PHONE = /^1\d{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterMemberBody {
  @Matches(PHONE, { message: 'phone must be 1 followed by 10 digits' })
  phone!: string;

  @IsString()
  @Length(1, 32)
  name!: string;

  @IsOptional()
  @Matches(DATE, { message: 'birthday must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'birthday must be a real date' })
  birthday?: string;
}

export class UpdateMemberBody {
  @IsOptional()
  @IsString()
  @Length(1, 32)
  name?: string;

  /** `null` removes the birthday. */
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(DATE, { message: 'birthday must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'birthday must be a real date' })
  birthday?: string | null;
}

export class PhoneQuery {
  @Matches(PHONE, { message: 'phone must be 1 followed by 10 digits' })
  phone!: string;
}
