import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** ISO-8601 in UTC (`Z`), seconds and milliseconds optional. */
export const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
export const UTC_MESSAGE = { message: '$property must be an ISO-8601 UTC time, e.g. 2026-11-11T00:00:00Z' };

/**
 * A time after another property's (both ISO-8601 strings); says nothing when either is not a time
 * (that is the other checks' problem, already named).
 *
 * @example
 * @IsAfter('startsAt') endsAt!: string;
 */
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
