/**
 * DTOs for the differential tests: every decorator and option the compiled validators support,
 * and (at the end) ones they must refuse to compile.
 */
import 'reflect-metadata';
import { Exclude, Expose, Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayContains,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  ArrayUnique,
  Contains,
  Equals,
  IsArray,
  IsBoolean,
  IsBooleanString,
  IsDate,
  IsDateString,
  IsDefined,
  IsEmpty,
  IsEnum,
  IsHexColor,
  IsIn,
  IsInt,
  IsISO8601,
  IsNegative,
  IsNotEmpty,
  IsNotEmptyObject,
  IsNotIn,
  IsNumber,
  IsNumberString,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  registerDecorator,
  Validate,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidatePromise,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationOptions,
  type ValidatorConstraintInterface,
} from 'class-validator';

export enum Color {
  Red = 'red',
  Green = 'green',
}
export enum Level {
  Low,
  High,
}

export class Leaf {
  @IsString() @Length(1, 3) name!: string;
  @IsOptional() @IsInt() @Min(0) weight?: number;
}

/** Strings: type, lengths (surrogate pairs count once), patterns, ISO dates, UUIDs. */
export class Strings {
  @IsString() @Length(2, 4) code!: string;
  @IsOptional() @MinLength(1) @MaxLength(3) short?: string;
  @IsOptional() @Matches(/^[a-z]+$/i) word?: string;
  @IsOptional() @Matches('^\\d+$', 'g') digits?: string;
  @IsOptional() @IsISO8601({ strict: true }) day?: string;
  @IsOptional() @IsISO8601() loose?: string;
  @IsOptional() @IsDateString() dateString?: string;
  @IsOptional() @IsUUID('4') id?: string;
  @IsOptional() @IsUUID() anyId?: string;
  @IsOptional() @IsNotEmpty() notEmpty?: string;
  @IsOptional() @IsHexColor() color?: string;
  @IsOptional() @Contains('ab') containsAb?: string;
  @IsOptional() @IsNumberString() numeric?: string;
  @IsOptional() @IsBooleanString() flag?: string;
}

/** Numbers: integers, bounds, signs, options, NaN and floats. */
export class Numbers {
  @IsInt() @Min(1) @Max(99) quantity!: number;
  @IsOptional() @IsNumber() anyNumber?: number;
  @IsOptional() @IsNumber({ allowNaN: true, allowInfinity: true }) wide?: number;
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) price?: number;
  @IsOptional() @IsPositive() positive?: number;
  @IsOptional() @IsNegative() negative?: number;
  @IsOptional() @NotEquals(0) nonZero?: number;
  @IsOptional() @Equals(42) answer?: number;
  @IsOptional() @Min(-1.5) @Max(1.5) fraction?: number;
}

/** Choices and other type checks. */
export class Choices {
  @IsIn(['a', 'b', 1]) pick!: string | number;
  @IsOptional() @IsNotIn(['x']) notX?: string;
  @IsOptional() @IsEnum(Color) color?: Color;
  @IsOptional() @IsEnum(Level) level?: Level;
  @IsOptional() @IsBoolean() flag?: boolean;
  @IsOptional() @IsObject() @IsNotEmptyObject() meta?: Record<string, unknown>;
  @IsOptional() @IsDate() when?: Date;
  @IsOptional() @IsEmpty() nothing?: unknown;
  @IsDefined() required!: unknown;
  @Allow() anything?: unknown;
}

/** Arrays: sizes, contents, `each`. */
export class Arrays {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsInt({ each: true }) @Min(0, { each: true }) numbers!: number[];
  @IsOptional() @IsString({ each: true }) @Length(1, 2, { each: true }) @ArrayUnique() tags?: string[];
  @IsOptional() @ArrayNotEmpty() @ArrayContains(['must']) has?: string[];
  @IsOptional() @IsDefined({ each: true }) defined?: unknown[];
}

/** Messages: strings with tokens, functions. */
export class Messages {
  @IsInt({ message: '$property of $target must be an integer, not $value' })
  @Min(10, { message: 'at least $constraint1 (got $value)' })
  count!: number;

  @IsString({ message: (args: ValidationArguments) => `${args.property} on ${args.targetName}: ${String(args.value)}` })
  @Length(1, 3, { message: (args: ValidationArguments) => `between ${args.constraints.join(' and ')}` })
  name!: string;

  @IsOptional() @IsIn(['a', 'b'], { message: 'one of $constraint1' }) choice?: string;
  @IsOptional() @Matches(/^x/, { message: 'starts with x: $constraint1' }) x?: string;
  @IsOptional() @IsString({ each: true, message: 'each: $value' }) list?: string[];
  @IsOptional() @ValidateNested({ message: 'custom nested message for $property' }) @Type(() => Leaf) leaf?: Leaf;
}

/** Conditions and defaults (class field initialisers). */
export class Conditional {
  @IsOptional() @IsInt() @Min(1) limit: number = 20;
  @IsOptional() @IsString() note?: string;
  @ValidateIf((o: Conditional) => o.kind === 'b') @IsString() @Length(1, 3) forB?: string;
  @IsIn(['a', 'b']) kind: string = 'a';
  /** `null` clears: validated only when a value is given. */
  @ValidateIf((_, value) => value !== null && value !== undefined) @Matches(/^\d{4}$/) year?: string | null;
  @IsOptional() @IsInt({ validateIf: (o: Conditional) => o.kind === 'a' }) onlyForA?: number;
  @IsOptional() @IsString({ each: true }) list: string[] = ['x'];
}

export class Branch {
  @IsString() label!: string;
  @ValidateNested({ each: true }) @Type(() => Leaf) @IsArray() @ArrayMaxSize(3) leaves!: Leaf[];
  @IsOptional() @ValidateNested() @Type(() => Leaf) main?: Leaf;
}

/** Nesting: arrays of objects of arrays, single objects, nested arrays, optional nesting. */
export class Tree {
  @IsString() name!: string;
  @ValidateNested({ each: true }) @Type(() => Branch) branches!: Branch[];
  @IsOptional() @ValidateNested() @Type(() => Leaf) root?: Leaf;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Leaf) grid?: Leaf[][];
}

/** A class that reaches itself. */
export class Category {
  @IsString() @Length(1, 8) name!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Category) children?: Category[];
  @IsOptional() @ValidateNested() @Type(() => Category) parent?: Category;
}

export class NoRules {
  value?: unknown;
}

/** Nesting without @Type (plain objects: "an unknown value"), into a class without rules, defaults. */
export class LooseNesting {
  @ValidateNested() untyped!: Leaf;
  @IsOptional() @ValidateNested() @Type(() => NoRules) empty?: NoRules;
  @IsOptional() @ValidateNested() @Type(() => Leaf) withDefault: Leaf = Object.assign(new Leaf(), { name: 'dflt' });
  @IsOptional() @IsObject() bag?: Record<string, unknown>;
}

/** `list` with a hole at `index` (a sparse array). */
export function holeAt<T>(index: number, list: T[]): T[] {
  delete list[index];
  return list;
}

/** Defaults the input does not replace: Sets, Maps, nested instances, one with a key of its own. */
export class Defaults {
  @IsOptional() @IsString({ each: true }) @Length(1, 2, { each: true }) tags: Set<string> = new Set(['a', 'bb']);
  @IsOptional() @ValidateNested() leaves: Map<string, Leaf> = new Map([['first', Object.assign(new Leaf(), { name: 'ok' })]]);
  @IsOptional() @ValidateNested() @Type(() => Leaf) odd: Leaf = Object.assign(new Leaf(), { name: 'ok', extra: true });
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Leaf) sparse: Leaf[] = holeAt(1, [
    Object.assign(new Leaf(), { name: 'x' }),
    new Leaf(),
    Object.assign(new Leaf(), { name: '' }),
  ]);
}

/** @Type to primitives in a body. */
export class Coerced {
  @Type(() => Number) @IsInt() n!: number;
  @IsOptional() @Type(() => String) @IsString() s?: string;
  @IsOptional() @Type(() => Boolean) @IsBoolean() b?: boolean;
  @IsOptional() @Type(() => Number) @IsInt({ each: true }) many?: number[];
}

export class Base {
  @IsString() id!: string;
  @IsOptional() @IsInt() @Max(5) rank?: number;
}

/** Inheritance: the parent's rules, one of them redeclared. */
export class Derived extends Base {
  @IsOptional() @IsInt() @Max(10) override rank?: number = undefined;
  @IsBoolean() active!: boolean;
  describe(): string {
    return `${this.id}`;
  }
}

/** Custom constraints: a class, a registered decorator, an async one (skipped by validateSync). */
@ValidatorConstraint({ name: 'evenNumber' })
export class EvenConstraint implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'number' && value % 2 === 0;
  }
  defaultMessage(args: ValidationArguments) {
    return `${args.property} must be even, $value is not`;
  }
}

@ValidatorConstraint({ name: 'slowCheck', async: true })
export class AsyncConstraint implements ValidatorConstraintInterface {
  async validate() {
    return false;
  }
}

function IsShout(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isShout',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value === 'string' && value === value.toUpperCase() && (args?.object as Custom).enabled !== false,
        defaultMessage: () => '$property must be upper case',
      },
    });
}

/** A custom decorator under a built-in's name: must not be mistaken for the built-in. */
function FakeIsInt(options?: ValidationOptions) {
  return ValidateBy(
    { name: 'isInt', validator: { validate: (value) => typeof value === 'string', defaultMessage: () => 'fake' } },
    options,
  );
}

export class Custom {
  @Validate(EvenConstraint) even!: number;
  @IsOptional() @Validate(EvenConstraint, { each: true, message: 'all even' }) evens?: number[];
  @IsOptional() @Validate(AsyncConstraint) slow?: string;
  @IsOptional() @IsShout() shout?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @FakeIsInt() fake?: string;
}

/** A query DTO: strings converted by design:type. */
export class SearchQuery {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit: number = 20;
  @IsOptional() @IsNumber() near?: number;
  @IsOptional() @IsBoolean() open?: boolean;
  @IsOptional() @IsString() @Length(1, 8) cursor?: string;
  @IsOptional() @IsIn(['a', 'b']) format?: string;
  @IsOptional() @IsString({ each: true }) tags?: string[];
}

// ---------------------------------------------------------------------------------------------
// Not compiled: these take the class-transformer + class-validator path.

export class WithExpose {
  @Expose({ name: 'full_name' }) @IsString() fullName!: string;
}

export class WithExclude {
  @IsString() name!: string;
  @Exclude() @IsOptional() secret?: string;
}

export class WithTransform {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @Length(1, 3) name!: string;
}

export class WithPromise {
  @ValidatePromise() @IsInt() later!: number;
}

export class DiscriminatedA {
  @IsString() kind!: 'a';
}
export class WithDiscriminator {
  @ValidateNested()
  @Type(() => DiscriminatedA, { discriminator: { property: 'kind', subTypes: [{ value: DiscriminatedA, name: 'a' }] } })
  item!: DiscriminatedA;
}

export class WithDateQuery {
  @IsOptional() @IsDate() since?: Date;
}

export class WithUnsupportedChild {
  @ValidateNested() @Type(() => WithTransform) child!: WithTransform;
}
