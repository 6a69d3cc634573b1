/**
 * Query DTOs with booleans: with and without @IsBoolean, lists, defaults, conditions, nesting, and a
 * class the compiled validators leave to class-transformer.
 */
import 'reflect-metadata';
import { Expose, Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested } from 'class-validator';

export class FlagsQuery {
  @IsOptional() @IsBoolean() open?: boolean;
  /** No @IsBoolean: still never a string. */
  @IsOptional() loose?: boolean;
  @IsOptional() @IsBoolean() active: boolean = true;
  @IsOptional() @Type(() => Boolean) @IsBoolean({ each: true }) flags?: boolean[];
  /** Rules that never run (a @ValidateIf that skips them): a value that is not a boolean is still refused. */
  @ValidateIf(() => false) @IsBoolean() unchecked?: boolean;
  @IsOptional() @IsInt() @Min(0) limit?: number;
}

export class StoreFilter {
  @IsOptional() @IsBoolean() open?: boolean;
  @IsOptional() delivery?: boolean;
}

/** Not from a query string (node:querystring gives no objects), but toDto may be handed one. */
export class NestedFlagsQuery {
  @IsOptional() @ValidateNested() @Type(() => StoreFilter) filter?: StoreFilter;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => StoreFilter) filters?: StoreFilter[];
  @IsOptional() @IsBoolean() open?: boolean;
}

/** @Transform and @Expose: not compiled, so the class-transformer path answers. */
export class ShapedFlagsQuery {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() name!: string;
  @IsOptional() @IsBoolean() open?: boolean;
  @IsOptional() @Expose({ name: 'has_delivery' }) delivery?: boolean;
  /** Its own @Transform decides (it reads the raw input). */
  @IsOptional() @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.yes === 'yes') @IsBoolean() yes?: boolean;
}
