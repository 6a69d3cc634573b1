import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_NOT_EMPTY,
  EQUALS,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE,
  IS_DATE_STRING,
  IS_EMAIL,
  IS_ENUM,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LATITUDE,
  IS_LENGTH,
  IS_LONGITUDE,
  IS_MILITARY_TIME,
  IS_NEGATIVE,
  IS_NOT_EMPTY,
  IS_NUMBER,
  IS_NUMBER_STRING,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  IS_URL,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  NOT_EQUALS,
} from 'class-validator';
import type { JsonSchema } from './types.js';

type Apply = (schema: JsonSchema, constraints: readonly unknown[]) => void;

const set =
  (keywords: JsonSchema): Apply =>
  (schema) =>
    Object.assign(schema, keywords);
const first =
  (keyword: string, extra: JsonSchema = {}): Apply =>
  (schema, c) =>
    Object.assign(schema, extra, { [keyword]: c[0] });

/**
 * class-validator's built-in constraints, by the name their decorators register, as JSON Schema
 * keywords. The decorator's own arguments (`Length(1, 32)`, `Matches(/.../)`) are its constraints.
 */
const KEYWORDS: Record<string, Apply> = {
  [IS_STRING]: set({ type: 'string' }),
  [IS_INT]: set({ type: 'integer' }),
  [IS_NUMBER]: set({ type: 'number' }),
  [IS_BOOLEAN]: set({ type: 'boolean' }),
  [IS_ARRAY]: set({ type: 'array' }),
  [IS_OBJECT]: set({ type: 'object' }),
  [IS_IN]: (schema, c) => Object.assign(schema, { enum: [...(c[0] as unknown[])] }),
  [IS_ENUM]: (schema, c) => Object.assign(schema, { enum: enumValues(c[0]) }),
  [MATCHES]: (schema, c) =>
    Object.assign(schema, { type: 'string', pattern: c[0] instanceof RegExp ? c[0].source : String(c[0]) }),
  [IS_LENGTH]: (schema, c) =>
    Object.assign(schema, { type: 'string', minLength: c[0], ...(typeof c[1] === 'number' ? { maxLength: c[1] } : {}) }),
  [MIN_LENGTH]: first('minLength', { type: 'string' }),
  [MAX_LENGTH]: first('maxLength', { type: 'string' }),
  [MIN]: first('minimum'),
  [MAX]: first('maximum'),
  [IS_POSITIVE]: set({ exclusiveMinimum: 0 }),
  [IS_NEGATIVE]: set({ exclusiveMaximum: 0 }),
  [EQUALS]: first('const'),
  [NOT_EQUALS]: (schema, c) => Object.assign(schema, { not: { const: c[0] } }),
  [IS_ISO8601]: set({ type: 'string', format: 'date-time' }),
  [IS_DATE_STRING]: set({ type: 'string', format: 'date-time' }),
  [IS_DATE]: set({ type: 'string', format: 'date-time' }),
  [IS_UUID]: set({ type: 'string', format: 'uuid' }),
  [IS_EMAIL]: set({ type: 'string', format: 'email' }),
  [IS_URL]: set({ type: 'string', format: 'uri' }),
  [IS_NUMBER_STRING]: set({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }),
  [IS_MILITARY_TIME]: set({ type: 'string', pattern: '^([01]\\d|2[0-3]):?([0-5]\\d)$' }),
  [IS_LATITUDE]: set({ type: 'number', minimum: -90, maximum: 90 }),
  [IS_LONGITUDE]: set({ type: 'number', minimum: -180, maximum: 180 }),
  [ARRAY_MIN_SIZE]: first('minItems', { type: 'array' }),
  [ARRAY_MAX_SIZE]: first('maxItems', { type: 'array' }),
  [ARRAY_NOT_EMPTY]: set({ type: 'array', minItems: 1 }),
  [IS_NOT_EMPTY]: (schema) => {
    if (schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
    schema['x-not-empty'] = true;
  },
};

/**
 * Adds a constraint's keywords to a schema. A constraint with no JSON Schema equivalent (a custom
 * decorator) is listed under `x-constraints`, so a reader knows the server checks more.
 */
export function applyConstraint(schema: JsonSchema, name: string, constraints: readonly unknown[]): void {
  const apply = Object.hasOwn(KEYWORDS, name) ? KEYWORDS[name] : undefined;
  if (apply) {
    apply(schema, constraints);
    return;
  }
  const listed = (schema['x-constraints'] as string[] | undefined) ?? [];
  if (!listed.includes(name)) schema['x-constraints'] = [...listed, name];
}

/** The values of a TypeScript enum object (numeric enums also map names back: those are left out). */
function enumValues(entity: unknown): unknown[] {
  if (typeof entity !== 'object' || entity === null) return [];
  const values = Object.values(entity as Record<string, unknown>);
  const numbers = values.filter((value) => typeof value === 'number');
  return numbers.length > 0 ? numbers : values;
}

/**
 * Tidies a finished schema: a string with a `pattern` keeps the pattern rather than a `format` that
 * may contradict it (`birthday`: `YYYY-MM-DD` and ISO-8601), and the helper mark goes.
 */
export function finishSchema(schema: JsonSchema): void {
  if (schema.pattern !== undefined && schema.format === 'date-time') delete schema.format;
  if (schema['x-not-empty'] === true) {
    if (schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
    delete schema['x-not-empty'];
  }
}
