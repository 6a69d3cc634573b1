import type { FieldProblem } from '@retail/core';
import { getMetadataStorage } from 'class-validator';
import { pathOf } from './problems.js';
import { transformerMetadata } from './transformer-metadata.js';

/*
 * Query booleans as callers mean them. class-transformer's implicit conversion gives a boolean
 * property `Boolean(value)`, so `?open=false` was `true` and `?open=` was `false`. For query DTOs
 * both validation paths instead read exactly 'true' and 'false' (case-sensitive, like boolean path
 * parameters), element by element for repeated keys (as numbers are), and leave any other value as
 * it is for the DTO's own rules (`@IsBoolean()`) to refuse. A property declared `boolean` that still
 * holds something else after validation (no rule refused it) is refused here, so a handler never
 * sees a string where it declared a boolean.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;
type Dict = Record<string, unknown>;

/** A property whose query value is read as a boolean, or one holding a DTO that may have such properties. */
type Entry =
  | { name: string; boolean: true; list: boolean; key: string | undefined }
  | { name: string; boolean: false; type: Constructor; key: string | undefined };

interface Shape {
  entries: Entry[];
  /** Whether this class, or a class it holds, has query booleans (memo). */
  reaches: boolean | undefined;
}

const shapes = new WeakMap<object, Shape>();

/**
 * 'true' -> true and 'false' -> false; any other value as it is.
 *
 * @example
 * queryBoolean('false'); // false
 * queryBoolean('False'); // 'False' (then refused by name)
 */
export function queryBoolean(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** The problem of a value that is neither `true` nor `false`, in path, query and query DTO alike. */
export function notBoolean(field: string): FieldProblem {
  return { field, messages: [`${field} must be true or false`] };
}

/**
 * The class-transformer path's repair: puts back, on `instance` made by `plainToInstance` with
 * implicit conversion, the query booleans `Boolean(value)` got wrong, read again from `input`.
 */
export function restoreQueryBooleans(type: Constructor, input: object, instance: object): void {
  if (!reaches(type)) return;
  const made = instance as Dict;
  for (const entry of shapeOf(type).entries) {
    if (entry.key === undefined || !Object.prototype.propertyIsEnumerable.call(input, entry.key)) continue;
    const raw = (input as Dict)[entry.key];
    if (raw === undefined) continue; // exposeDefaultValues: the default stayed
    if (entry.boolean) made[entry.name] = deepQueryBoolean(raw);
    else restoreNested(entry.type, raw, made[entry.name]);
  }
}

/**
 * Appends a problem for every property declared `boolean` that holds something else and has no
 * problem of its own yet (no `@IsBoolean()` refused it): `open must be true or false`.
 */
export function appendStrayBooleans(type: Constructor, instance: object, problems: FieldProblem[]): void {
  if (!reaches(type)) return;
  const fields: string[] = [];
  strays(type, instance as Dict, '', fields);
  for (const field of fields) {
    if (!problems.some((problem) => problem.field === field)) problems.push(notBoolean(field));
  }
}

function strays(type: Constructor, object: Dict, parent: string, fields: string[]): void {
  for (const entry of shapeOf(type).entries) {
    const field = pathOf(parent, entry.name);
    const value = object[entry.name];
    if (entry.boolean) {
      // a property converted by its own @Transform holds what that gives
      if (entry.key !== undefined && !isBooleanLike(value, entry.list)) fields.push(field);
    } else if (reaches(entry.type)) nestedStrays(entry.type, value, field, fields);
  }
}

function nestedStrays(type: Constructor, value: unknown, field: string, fields: string[]): void {
  if (Array.isArray(value)) value.forEach((element, i) => nestedStrays(type, element, `${field}[${i}]`, fields));
  else if (value instanceof type) strays(type, value as Dict, field, fields);
}

/** A boolean (or absent); an array of them where the property is declared as a list. */
function isBooleanLike(value: unknown, list: boolean): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return true;
  return list && Array.isArray(value) && value.every((element) => isBooleanLike(element, true));
}

/** class-transformer's walk over arrays (and Sets): element by element, into a dense array. */
function deepQueryBoolean(value: unknown): unknown {
  if (!Array.isArray(value) && !(value instanceof Set)) return queryBoolean(value);
  const out: unknown[] = [];
  value.forEach((element: unknown) => out.push(deepQueryBoolean(element)));
  return out;
}

function restoreNested(type: Constructor, raw: unknown, made: unknown): void {
  if ((Array.isArray(raw) || raw instanceof Set) && Array.isArray(made)) {
    let i = 0;
    raw.forEach((element: unknown) => restoreNested(type, element, made[i++]));
  } else if (raw !== null && typeof raw === 'object' && made instanceof type) restoreQueryBooleans(type, raw, made);
}

/** Whether `type` or a class it holds has query booleans: most query DTOs have none, and cost one lookup. */
function reaches(type: Constructor): boolean {
  const shape = shapeOf(type);
  if (shape.reaches === undefined) {
    const seen = new Set<Constructor>(); // a class may hold itself
    const visit = (t: Constructor): boolean => {
      if (seen.has(t)) return false;
      seen.add(t);
      return shapeOf(t).entries.some((entry) => entry.boolean || visit(entry.type));
    };
    shape.reaches = visit(type);
  }
  return shape.reaches;
}

/** The validated properties whose conversion target (`@Type`, else `design:type`) is Boolean or a DTO class. */
function shapeOf(type: Constructor): Shape {
  let shape = shapes.get(type);
  if (shape !== undefined) return shape;
  const storage = getMetadataStorage();
  const names = Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(type, '', false, false)));
  const transformer = transformerMetadata();
  const entries: Entry[] = [];
  for (const name of names) {
    const target = targetOf(type, name);
    const key = transformer === null ? name : transformer.plainKeyOf(type, name);
    if (target === Boolean) {
      const list = Reflect.getMetadata('design:type', type.prototype, name) === Array;
      entries.push({ name, boolean: true, list, key });
    } else if (typeof target === 'function' && isRuled(target)) {
      entries.push({ name, boolean: false, type: target as Constructor, key });
    }
  }
  shape = { entries, reaches: undefined };
  shapes.set(type, shape);
  return shape;
}

/** What class-transformer converts this property's input to, when it can be known without the input. */
function targetOf(type: Constructor, name: string): unknown {
  const metadata = transformerMetadata()?.findTypeMetadata(type, name);
  if (metadata === undefined) return Reflect.getMetadata('design:type', type.prototype, name);
  if (metadata.options?.discriminator) return undefined;
  if (metadata.typeFunction === undefined) return metadata.reflectedType;
  try {
    return metadata.typeFunction({ newObject: undefined, object: undefined, property: name });
  } catch {
    return undefined; // a @Type that needs the input: its booleans are class-transformer's
  }
}

function isRuled(target: unknown): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(target as Constructor, '', true, false).length > 0;
}
