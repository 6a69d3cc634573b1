import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from '../validation/metadata-types.js';
import { transformerMetadata } from '../validation/transformer-metadata.js';
import { applyConstraint, finishSchema } from './constraints.js';
import type { JsonSchema } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

/**
 * `request`: what the validator accepts (unknown properties are refused: `additionalProperties: false`).
 * `response`: what a route returns (no claim about extra properties).
 */
export type SchemaDirection = 'request' | 'response';

/** One property of a DTO class as a schema, and whether a value must be given. */
export interface PropertySchema {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

/**
 * The JSON Schema of a DTO class, read from the metadata its decorators left: class-validator's
 * constraints, conditions (`@IsOptional`, `@ValidateIf`) and nesting, class-transformer's `@Type`,
 * `design:type`, and the defaults of a new instance. Schemas are inlined, not named: class names do
 * not survive the minified function bundle, and inline schemas merge across functions as they are.
 *
 * @example
 * schemaOf(RegisterMemberBody, 'request')
 * // { type: 'object', properties: { phone: { type: 'string', pattern: '^1\\d{10}$' }, ... }, required: ['phone', 'name'], additionalProperties: false }
 */
export function schemaOf(type: Constructor, direction: SchemaDirection, seen: readonly Constructor[] = []): JsonSchema {
  if (seen.includes(type)) return { type: 'object', description: 'The enclosing object again (a recursive structure).' };
  const properties = propertiesOf(type, direction, [...seen, type]);
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(properties.map((property) => [property.name, property.schema])),
  };
  const required = properties.filter((property) => property.required).map((property) => property.name);
  if (required.length > 0) schema.required = required;
  if (direction === 'request') schema.additionalProperties = false;
  return schema;
}

/** Each property of a DTO class with its schema: what query DTOs become as parameters. */
export function propertiesOf(
  type: Constructor,
  direction: SchemaDirection,
  seen: readonly Constructor[] = [type],
): PropertySchema[] {
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(type, '', false, false, undefined));
  const defaults = instanceOf(type);
  return Object.entries(grouped).map(([name, metadatas]) => {
    const { schema, optional } = propertySchema(type, name, metadatas, direction, seen);
    const fallback = defaults?.[name];
    if (isJsonValue(fallback)) schema.default = fallback;
    return { name, schema, required: !optional && fallback === undefined };
  });
}

function propertySchema(
  type: Constructor,
  name: string,
  metadatas: ValidationMetadata[],
  direction: SchemaDirection,
  seen: readonly Constructor[],
): { schema: JsonSchema; optional: boolean } {
  const storage = getMetadataStorage();
  const designType: unknown = Reflect.getMetadata('design:type', type.prototype, name);
  const schema: JsonSchema = {};
  const items: JsonSchema = {};
  let optional = false;
  let nullable = false;
  let nested = false;
  let each = false;
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        // A condition that skips validation for a missing (or null) value makes it optional (or nullable).
        const condition = metadata.constraints?.[0] as ((object: object, value: unknown) => unknown) | undefined;
        optional ||= skips(condition, name, undefined);
        nullable ||= skips(condition, name, null);
        break;
      }
      case ValidationTypes.NESTED_VALIDATION:
        nested = true;
        each ||= metadata.each === true;
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          const constraintName = constraint.name || metadata.type;
          if (constraintName === ValidationTypes.IS_DEFINED) continue;
          applyConstraint(metadata.each ? items : schema, constraintName, metadata.constraints ?? []);
          each ||= metadata.each === true;
        }
        break;
      default:
        break;
    }
  }
  if (nested) {
    const target = nestedClass(type, name);
    const object = target ? schemaOf(target, direction, seen) : { type: 'object' };
    if (each || designType === Array) Object.assign(items, object);
    else Object.assign(schema, object);
  }
  if (each || designType === Array || Object.keys(items).length > 0) {
    schema.type = 'array';
    finishSchema(items);
    schema.items = items;
  }
  if (schema.type === undefined && schema.enum === undefined && schema.const === undefined) {
    const fallback = typeFromDesign(designType);
    if (fallback) schema.type = fallback;
  }
  finishSchema(schema);
  return { schema: nullable ? withNull(schema) : schema, optional };
}

/** Whether class-validator's condition skips the property's checks for this value. */
function skips(condition: ((object: object, value: unknown) => unknown) | undefined, name: string, value: unknown): boolean {
  if (typeof condition !== 'function') return false;
  try {
    return !condition({ [name]: value }, value);
  } catch {
    return false;
  }
}

function nestedClass(type: Constructor, name: string): Constructor | undefined {
  const found = transformerMetadata()?.findTypeMetadata(type, name);
  const target: unknown = found?.typeFunction ? found.typeFunction() : found?.reflectedType;
  return typeof target === 'function' && target !== Object && target !== Array ? (target as Constructor) : undefined;
}

function typeFromDesign(designType: unknown): string | undefined {
  if (designType === String) return 'string';
  if (designType === Number) return 'number';
  if (designType === Boolean) return 'boolean';
  if (designType === Array) return 'array';
  return undefined;
}

/** The same schema, also allowing `null` (OpenAPI 3.1 has no `nullable`). */
function withNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'], ...enumWithNull(schema) };
  if (Array.isArray(schema.enum)) return { ...schema, ...enumWithNull(schema) };
  return { anyOf: [schema, { type: 'null' }] };
}

function enumWithNull(schema: JsonSchema): JsonSchema {
  return Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {};
}

function instanceOf(type: Constructor): Record<string, unknown> | undefined {
  try {
    return new type() as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function isJsonValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
