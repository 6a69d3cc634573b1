import { ValidationError, type FieldProblem } from '@retail/core';

/** Collects problems and throws one ValidationError naming every bad field. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    const found = this.list.find((p) => p.field === field);
    if (found) found.messages.push(message);
    else this.list.push({ field, messages: [message] });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list);
  }
}

/** A string of `min` to `max` characters that is not only spaces. */
export function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && value.trim().length > 0;
}

/** An integer from `min` to `max`. */
export function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;

/** The page size of a list: default 20, else an integer 1..100. */
export function checkLimit(p: Problems, limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_PAGE_LIMIT;
  if (!isIntIn(limit, 1, MAX_PAGE_LIMIT)) {
    p.add('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
    return DEFAULT_PAGE_LIMIT;
  }
  return limit;
}
