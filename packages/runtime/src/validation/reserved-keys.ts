import type { FieldProblem } from '@retail/core';

/** Names of Object.prototype members: class-transformer skips or chokes on them as input keys. */
const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Input keys that name Object.prototype members (`constructor`, `__proto__`, `toString`, ...),
 * anywhere in a JSON body or query: never a property of a DTO, so refused by name like any
 * unknown property. class-transformer would otherwise drop them silently or throw (a 500 on
 * `{"x": {"constructor": "y"}}`).
 */
export function reservedKeyProblems(input: unknown, path = ''): FieldProblem[] {
  if (path === '' && !hasReservedKey(input)) return NONE; // the usual answer, without a walk that allocates
  if (input === null || typeof input !== 'object') return [];
  const problems: FieldProblem[] = [];
  if (Array.isArray(input)) {
    input.forEach((item, index) => problems.push(...reservedKeyProblems(item, `${path}[${index}]`)));
    return problems;
  }
  for (const key of Object.keys(input)) {
    const field = path ? `${path}.${key}` : key;
    if (RESERVED.has(key)) problems.push({ field, messages: [`property ${field} should not exist`] });
    else problems.push(...reservedKeyProblems((input as Record<string, unknown>)[key], field));
  }
  return problems;
}

const NONE: FieldProblem[] = [];
Object.freeze(NONE);

/** Whether any key, at any depth, names an Object.prototype member. */
function hasReservedKey(input: unknown): boolean {
  if (input === null || typeof input !== 'object') return false;
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) if (hasReservedKey(input[i])) return true;
    return false;
  }
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    if (RESERVED.has(key) || hasReservedKey((input as Record<string, unknown>)[key])) return true;
  }
  return false;
}
