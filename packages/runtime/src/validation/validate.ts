import type { FieldProblem } from '@retail/core';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { compiledToDto } from './compiled.js';
import { flattenErrors } from './problems.js';
import { appendStrayBooleans, restoreQueryBooleans } from './query-booleans.js';
import { reservedKeyProblems } from './reserved-keys.js';

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
 * A validator compiled once per DTO class from its decorators does the work (see `compiled.ts`);
 * a class it cannot compile, or an input that is not JSON-shaped, goes through class-transformer and
 * class-validator themselves, with the same result.
 *
 * `fromQuery`: strings become numbers by `design:type` as class-transformer converts them, but a
 * `boolean` property takes exactly 'true' or 'false' (not `Boolean(value)`, where 'false' is true);
 * any other value is refused by name (`open must be a boolean value` from `@IsBoolean()`, else
 * `open must be true or false`).
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
  const refused = refuseShape(input, options.fromQuery === true);
  if (refused) return refused;
  return compiledToDto<T>(type, input as object, options.fromQuery === true) ?? toDtoWithClassValidator(type, input, options);
}

/**
 * `toDto` through class-transformer's `plainToInstance` and class-validator's `validateSync`: the
 * reference the compiled validators are held to, and the path for what they do not handle. Query
 * booleans are the one departure from them, on both paths (see `query-booleans.ts`).
 */
export function toDtoWithClassValidator<T extends object>(
  type: Constructor<T>,
  input: unknown,
  options: { fromQuery?: boolean } = {},
): { value: T } | { problems: FieldProblem[] } {
  const fromQuery = options.fromQuery === true;
  const refused = refuseShape(input, fromQuery);
  if (refused) return refused;
  const value: T = plainToInstance(type, input as object, { enableImplicitConversion: fromQuery, exposeDefaultValues: true });
  if (fromQuery) restoreQueryBooleans(type, input as object, value);
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const problems = flattenErrors(errors);
  if (fromQuery) appendStrayBooleans(type, value, problems);
  return problems.length === 0 ? { value } : { problems };
}

/** What both paths refuse before looking at the DTO: a non-object, or keys naming Object.prototype members. */
function refuseShape(input: unknown, fromQuery: boolean): { problems: FieldProblem[] } | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { problems: [{ field: fromQuery ? 'query' : 'body', messages: ['must be a JSON object'] }] };
  }
  const reserved = reservedKeyProblems(input);
  return reserved.length > 0 ? { problems: reserved } : undefined;
}
