import type { FieldProblem } from '@retail/core';
import type { ValidationError as ClassValidationError } from 'class-validator';

/**
 * class-validator's error tree as field problems: each error's own messages, then its children's,
 * depth first. Both validation paths name fields and word messages through these functions.
 */
export function flattenErrors(errors: ClassValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const own = error.constraints
      ? [{ field, messages: Object.values(error.constraints).map((m) => rename(m, error.property, field)) }]
      : [];
    return [...own, ...flattenErrors(error.children ?? [], field)];
  });
}

/**
 * `items` + `0` -> `items[0]`; `items[0]` + `quantity` -> `items[0].quantity`.
 *
 * `property` is `undefined` where class-validator reports an unknown value (a nested object with no
 * rules): the field is then `items[0].undefined`, as the class-validator path has always named it.
 */
export function pathOf(parent: string, property: string | undefined): string {
  if (!parent) return property as string;
  return /^\d+$/.test(String(property)) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** class-validator names the bare property in messages; say the full path instead. */
export function rename(message: string, property: string | undefined, field: string): string {
  if (message.startsWith('property ')) return message.replace(`property ${property}`, `property ${field}`);
  return message.startsWith(String(property)) ? field + message.slice(String(property).length) : message;
}
