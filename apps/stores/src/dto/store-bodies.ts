import { STORE_FORMATS, type StoreFormat } from '@retail/stores';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNumber, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class LocationBody {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng!: number;
}

export class CreateStoreBody {
  @IsString()
  @Length(1, 64)
  name!: string;

  @IsIn(STORE_FORMATS, { message: `format must be one of ${STORE_FORMATS.join(', ')}` })
  format!: StoreFormat;

  @IsString()
  @Length(1, 32)
  city!: string;

  @IsString()
  @Length(1, 128)
  address!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LocationBody)
  location!: LocationBody;

  @Matches(HH_MM, { message: 'opensAt must be HH:MM, 00:00 to 23:59' })
  opensAt!: string;

  @Matches(HH_MM, { message: 'closesAt must be HH:MM, 00:00 to 23:59' })
  closesAt!: string;
}
