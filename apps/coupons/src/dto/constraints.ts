import { MAX_AMOUNT_OFF } from '@retail/coupons';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A campaign's `value` for its `kind`: integer fen 1..1e9 for `amount-off`, an integer percentage
 * 1..99 for `percent-off` (an unknown kind is reported on `kind`; the value is then held to fen).
 */
export function IsDiscountValue(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDiscountValue',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const max = (args?.object as { kind?: unknown }).kind === 'percent-off' ? 99 : MAX_AMOUNT_OFF;
          return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
        },
        defaultMessage: (args?: ValidationArguments) =>
          (args?.object as { kind?: unknown }).kind === 'percent-off'
            ? '$property must be an integer percentage from 1 to 99'
            : `$property must be an integer number of fen from 1 to ${MAX_AMOUNT_OFF}`,
      },
    });
}

/** A time after another property's (both ISO-8601 strings); says nothing when either is not a time. */
export function IsAfter(other: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfter',
      target: object.constructor,
      propertyName,
      constraints: [other],
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const before = Date.parse(String((args?.object as Record<string, unknown>)[other]));
          const after = Date.parse(String(value));
          return Number.isNaN(before) || Number.isNaN(after) || after > before;
        },
        defaultMessage: () => `$property must be after ${other}`,
      },
    });
}
