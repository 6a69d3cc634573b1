import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_NOT_EMPTY,
  arrayMaxSize,
  arrayMinSize,
  arrayNotEmpty,
  EQUALS,
  equals,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE_STRING,
  IS_DEFINED,
  IS_EMPTY,
  IS_ENUM,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NEGATIVE,
  IS_NOT_EMPTY,
  IS_NOT_IN,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  IS_UUID,
  isArray,
  isBoolean,
  isDateString,
  isDefined,
  isEmpty,
  isEnum,
  isIn,
  isInt,
  isISO8601,
  isNegative,
  isNotEmpty,
  isNotIn,
  isNumber,
  isObject,
  isPositive,
  isString,
  isUUID,
  length,
  MATCHES,
  matches,
  MAX,
  MAX_LENGTH,
  max,
  maxLength,
  MIN,
  MIN_LENGTH,
  min,
  minLength,
  NOT_EQUALS,
  notEquals,
} from 'class-validator';
import type { ConstraintMetadata, ValidationMetadata } from './metadata-types.js';

/** A constraint check with its constraints bound: the decorator's `validate` minus the indirection. */
export type FastCheck = (value: unknown) => boolean;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each function has its own constraint types
type Loose = (value: any, ...constraints: any[]) => boolean;
const call = (fn: Loose, arity: number) => (c: readonly unknown[]) => {
  const [a, b] = c;
  if (arity === 0) return (value: unknown) => fn(value);
  if (arity === 1) return (value: unknown) => fn(value, a);
  return (value: unknown) => fn(value, a, b);
};

/** What makes validator's isLength count other than `.length`: surrogates and variation selectors. */
const COUNTED_APART = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;

/**
 * validator's `isLength(value, { min, max })` as class-validator's `length`, `minLength` and
 * `maxLength` call it, without its two global regex matches (and their arrays) for a string with none
 * of the characters it counts apart: then its length is `.length`. Same arithmetic, same coercions.
 */
const stringLength =
  (fallback: Loose, bounds: (c: readonly unknown[]) => [unknown, unknown]) =>
  (c: readonly unknown[]): FastCheck => {
    const [min, max] = bounds(c);
    const low = (min as number) || 0;
    return (value) => {
      if (typeof value !== 'string') return false;
      if (COUNTED_APART.test(value)) return fallback(value, ...c);
      return value.length >= low && (typeof max === 'undefined' || value.length <= (max as number));
    };
  };

/**
 * class-validator's own exported validator functions, by the constraint name its decorator
 * registers, with how many of the decorator's constraints its `validate` passes on. Each one is what
 * the decorator's `validate: (value, args) => fn(value, args.constraints[0], ...)` calls.
 */
const BUILTINS: Record<string, (constraints: readonly unknown[]) => FastCheck> = {
  [IS_DEFINED]: call(isDefined, 0),
  [EQUALS]: call(equals, 1),
  [NOT_EQUALS]: call(notEquals, 1),
  [IS_EMPTY]: call(isEmpty, 0),
  [IS_NOT_EMPTY]: call(isNotEmpty, 0),
  [IS_IN]: call(isIn, 1),
  [IS_NOT_IN]: call(isNotIn, 1),
  [IS_STRING]: call(isString, 0),
  [IS_NUMBER]: call(isNumber, 1),
  [IS_INT]: call(isInt, 0),
  [IS_BOOLEAN]: call(isBoolean, 0),
  [IS_ARRAY]: call(isArray, 0),
  [IS_OBJECT]: call(isObject, 0),
  [IS_ENUM]: call(isEnum, 1),
  [MIN]: call(min, 1),
  [MAX]: call(max, 1),
  [IS_POSITIVE]: call(isPositive, 0),
  [IS_NEGATIVE]: call(isNegative, 0),
  [IS_LENGTH]: stringLength(length, ([min, max]) => [min, max]),
  [MIN_LENGTH]: stringLength(minLength, ([min]) => [min, undefined]),
  [MAX_LENGTH]: stringLength(maxLength, ([max]) => [0, max]),
  [MATCHES]: call(matches as Loose, 2),
  [IS_ISO8601]: call(isISO8601, 1),
  [IS_DATE_STRING]: call(isDateString, 1),
  [IS_UUID]: call(isUUID, 1),
  [ARRAY_MIN_SIZE]: call(arrayMinSize, 1),
  [ARRAY_MAX_SIZE]: call(arrayMaxSize, 1),
  [ARRAY_NOT_EMPTY]: call(arrayNotEmpty, 0),
};

const PROBES: readonly unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  1.5,
  99,
  NaN,
  Infinity,
  '',
  'a',
  'abc',
  '1',
  '12abc',
  'true',
  '2024-02-29',
  '2023-02-29',
  '13800000000',
  '\u{1F600}\u{1F600}',
  'c9bf9e57-1685-4c89-bafb-ff5af830be8a',
  true,
  false,
  [],
  [1],
  ['a', 'b'],
  {},
  { a: 1 },
];

/**
 * The direct check for a constraint, when it is one of class-validator's built-ins; `undefined`
 * sends it through the decorator's own `validate` (exact, slower).
 *
 * A custom decorator may register itself under a built-in's name. So the direct check is used only
 * when the constraint's own `validate` agrees with it on a set of probe values (and on the
 * constraints themselves), decided once at compile time.
 */
export function fastCheck(metadata: ValidationMetadata, constraint: ConstraintMetadata): FastCheck | undefined {
  const factory = Object.hasOwn(BUILTINS, constraint.name) ? BUILTINS[constraint.name] : undefined;
  if (factory === undefined) return undefined;
  const constraints: readonly unknown[] = Array.isArray(metadata.constraints) ? metadata.constraints : [];
  const check = factory(constraints);
  const own = constraint.instance as { validate(value: unknown, args: unknown): unknown };
  const derived = constraints.flatMap((c) =>
    Array.isArray(c) ? c : typeof c === 'object' && c !== null ? Object.values(c) : [c],
  );
  const numbers = derived.filter((c): c is number => typeof c === 'number').flatMap((n) => [n - 1, n + 1, n + 0.5]);
  const strings = derived.filter((c): c is string => typeof c === 'string').flatMap((s) => [s, `${s}x`, s.slice(1)]);
  try {
    for (const probe of [...PROBES, ...derived, ...numbers, ...strings]) {
      const args = {
        targetName: '',
        property: metadata.propertyName,
        object: {},
        value: probe,
        constraints: metadata.constraints,
      };
      if (!Object.is(own.validate(probe, args), check(probe))) return undefined;
    }
  } catch {
    return undefined;
  }
  return check;
}
