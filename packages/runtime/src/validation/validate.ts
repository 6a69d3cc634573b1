import type { FieldProblem } from '@retail/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError as ClassValidationError } from 'class-validator';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = object> = new (...args: any[]) => T;

/** Whether a type is a DTO: a class with class-validator rules on it. */
export function isDto(type: unknown): type is Constructor {
  if (typeof type !== 'function') return false;
  const storage = getMetadataStorage();
  return storage.getTargetValidationMetadatas(type, '', true, false).length > 0;
}

/**
 * Turns plain input into a validated DTO instance, or the problems naming every bad field
 * (`items[0].quantity`). Unknown properties are refused, by name.
 *
 * @example
 * const result = toDto(CreateMemberBody, json);
 * if ('problems' in result) throw new ValidationError(result.problems);
 */
export function toDto<T extends object>(
  type: Constructor<T>,
  input: unknown,
  options: { fromQuery?: boolean } = {},
): { value: T } | { problems: FieldProblem[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { problems: [{ field: options.fromQuery ? 'query' : 'body', messages: ['must be a JSON object'] }] };
  }
  const value: T = plainToInstance(type, input as object, {
    enableImplicitConversion: options.fromQuery === true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0 ? { value } : { problems: flatten(errors) };
}

function flatten(errors: ClassValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const own = error.constraints
      ? [{ field, messages: Object.values(error.constraints).map((m) => rename(m, error.property, field)) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** `items` + `0` -> `items[0]`; `items[0]` + `quantity` -> `items[0].quantity`. */
function pathOf(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** class-validator names the bare property in messages; say the full path instead. */
function rename(message: string, property: string, field: string): string {
  if (message.startsWith('property ')) return message.replace(`property ${property}`, `property ${field}`);
  return message.startsWith(property) ? field + message.slice(property.length) : message;
}
