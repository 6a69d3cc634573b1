import type { FieldProblem } from '@retail/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { fastCheck, type FastCheck } from './builtins.js';
import { argumentsOf, constraintType, messageOf } from './messages.js';
import type { ConstraintMetadata, ValidationMetadata } from './metadata-types.js';
import { pathOf, rename } from './problems.js';
import { appendStrayBooleans, queryBoolean } from './query-booleans.js';
import { transformerMetadata, type TransformerMetadata } from './transformer-metadata.js';

/*
 * A validator compiled once per DTO class (and per input kind: body or query) from the decorators'
 * own metadata. It does what `plainToInstance(type, input, { enableImplicitConversion: fromQuery,
 * exposeDefaultValues: true })` followed by `validateSync(instance, { whitelist: true,
 * forbidNonWhitelisted: true, forbidUnknownValues: true })` does, in two phases like them:
 *
 *   1. build: a real instance (`new Type()`, so field initialisers give the defaults), every input
 *      key copied the way class-transformer copies it: @Type classes become instances (arrays
 *      element by element), query strings become numbers/strings by `design:type`, other
 *      objects and arrays are copied, keys named like methods are dropped. One deliberate
 *      departure: query booleans are read strictly ('true'/'false', see `query-booleans.ts`);
 *   2. validate: class-validator's executor for these options: unknown properties, then per
 *      property its conditions (@IsOptional, @ValidateIf), @IsDefined, the constraints in metadata
 *      order (class-validator's exported functions for the built-ins, else the constraint's own
 *      `validate`), then @ValidateNested; messages from the decorator's `message` or the
 *      constraint's own `defaultMessage`; for a query, then, any `boolean` property left holding
 *      something else.
 *
 * Whatever the compiler does not handle makes the class "unsupported" when it is compiled, and
 * `toDto` then takes the class-transformer + class-validator path for it. An input the compiled
 * code was not written for (anything that is not JSON-shaped: class instances, Dates, Maps, sparse
 * arrays...) makes that one call take that path too (`Bail`).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;
type Dict = Record<string, unknown>;
type Condition = (object: object, value: unknown) => unknown;

/** Thrown inside a compiled validator: this input needs the class-transformer + class-validator path. */
class Bail {}
const BAIL = new Bail();

const enum Kind {
  /** No target type: primitives as they are, plain objects and arrays copied. */
  Copy,
  Number,
  String,
  Boolean,
  /** A boolean read from a query: 'true'/'false' only, anything else left for the rules to refuse. */
  QueryBoolean,
  /** A class with class-validator rules: plain objects become instances. */
  Dto,
  /** Object, Array or Function as the target type: primitives as they are, objects not handled. */
  Opaque,
}

interface Conversion {
  kind: Kind;
  plan?: ClassPlan;
}

interface ConstraintPlan {
  constraint: ConstraintMetadata;
  type: string;
  /** class-validator's exported function for it, when it is a built-in. */
  fast: FastCheck | undefined;
  /** Whether the value (each element, with `each`) passes: class-validator's `customValidations`. */
  test: (value: unknown, object: object) => boolean;
}

interface FlatConstraint extends ConstraintPlan {
  metadata: ValidationMetadata;
}

interface CheckPlan {
  metadata: ValidationMetadata;
  validateIf: Condition | undefined;
  constraints: ConstraintPlan[];
}

interface PropertyPlan {
  name: string;
  conversion: Conversion;
  conditions: Condition[];
  /** @IsDefined first, then the other constraints, each in class-validator's metadata order. */
  checks: CheckPlan[];
  /** The same constraints in one list, when no check has its own `validateIf` (the usual case). */
  flat: FlatConstraint[] | undefined;
  nested: ValidationMetadata | undefined;
}

interface ClassPlan {
  type: Constructor;
  fromQuery: boolean;
  /** class-validator's `groupByPropertyName` result: its whitelist looks keys up in this object. */
  grouped: Record<string, ValidationMetadata[]>;
  /** The keys of `grouped` (the quick answer to "is this key whitelisted?"). */
  known: Set<string>;
  properties: PropertyPlan[];
  byName: Map<string, PropertyPlan>;
  /** No class-validator rules at all: nested values of this class are "an unknown value". */
  empty: boolean;
  /** Why this class cannot be compiled, if it cannot. */
  unsupported: string | undefined;
  /** The classes its properties turn input into. */
  dependencies: ClassPlan[];
  /** This class and every class it reaches are compiled: memo of `supported()`. */
  reachable: boolean | undefined;
}

export type ToDtoResult<T> = { value: T } | { problems: FieldProblem[] };

const plans = { body: new WeakMap<object, ClassPlan>(), query: new WeakMap<object, ClassPlan>() };

/**
 * The compiled validator's answer for `type`, or `undefined` when this class or this input needs the
 * class-transformer + class-validator path. `input` must already be a non-array object.
 */
export function compiledToDto<T extends object>(
  type: Constructor,
  input: object,
  fromQuery: boolean,
): ToDtoResult<T> | undefined {
  const plan = planOf(type, fromQuery);
  if (plan.empty || !supported(plan)) return undefined;
  try {
    const value = objectInput(input);
    const instance = build(plan, value);
    const problems: FieldProblem[] = [];
    validateObject(plan, instance, '', problems);
    if (fromQuery) appendStrayBooleans(plan.type, instance, problems);
    return problems.length === 0 ? { value: instance as T } : { problems };
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

/** Why a class is not compiled (`undefined`: it is), for tests and diagnostics. */
export function unsupportedReason(type: Constructor, fromQuery = false): string | undefined {
  const plan = planOf(type, fromQuery);
  return plan.empty ? 'no class-validator rules' : reasonOf(plan);
}

/** The first class this one reaches (itself included) that is not compiled, and why. */
function reasonOf(plan: ClassPlan): string | undefined {
  const seen = new Set<ClassPlan>();
  const visit = (p: ClassPlan): string | undefined => {
    if (seen.has(p)) return undefined;
    seen.add(p);
    if (p.unsupported !== undefined) return `${p.type.name}: ${p.unsupported}`;
    for (const dependency of p.dependencies) {
      const reason = visit(dependency);
      if (reason !== undefined) return reason;
    }
    return undefined;
  };
  return visit(plan);
}

/**
 * How each property of a compiled class is checked, for tests and diagnostics: constraint names,
 * `(own validate)` where the constraint's own `validate` runs instead of class-validator's exported
 * function.
 */
export function describeCompiled(type: Constructor, fromQuery = false): Record<string, string[]> {
  const plan = planOf(type, fromQuery);
  return Object.fromEntries(
    plan.properties.map((property) => [
      property.name,
      property.checks.flatMap((check) => check.constraints.map((c) => (c.fast ? c.type : `${c.type} (own validate)`))),
    ]),
  );
}

function supported(plan: ClassPlan): boolean {
  plan.reachable ??= reasonOf(plan) === undefined;
  return plan.reachable;
}

// ---------------------------------------------------------------------------------------------
// Compiling

class Unsupported extends Error {}

function planOf(type: Constructor, fromQuery: boolean): ClassPlan {
  const cache = fromQuery ? plans.query : plans.body;
  let plan = cache.get(type);
  if (plan !== undefined) return plan;
  plan = {
    type,
    fromQuery,
    grouped: {},
    known: new Set(),
    properties: [],
    byName: new Map(),
    empty: false,
    unsupported: undefined,
    dependencies: [],
    reachable: undefined,
  };
  cache.set(type, plan); // before compiling: a class may reach itself
  try {
    compile(plan);
  } catch (error) {
    plan.unsupported = error instanceof Unsupported ? error.message : `compiling failed: ${String(error)}`;
  }
  return plan;
}

function unsupported(reason: string): never {
  throw new Unsupported(reason);
}

function compile(plan: ClassPlan): void {
  const { type } = plan;
  if (typeof type !== 'function' || typeof type.prototype !== 'object') unsupported('not a class');
  const transformer = transformerMetadata();
  if (transformer === null) unsupported("class-transformer's metadata storage was not found");
  if (transformer.hasShapingMetadata(type)) unsupported('@Expose, @Exclude or @Transform');
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type, '', false, false, undefined);
  plan.grouped = storage.groupByPropertyName(metadatas);
  plan.known = new Set(Object.keys(plan.grouped));
  plan.empty = metadatas.length === 0;

  // What class-transformer's `new targetType()` gives: the defaults, and the keys it would skip.
  const probe = new type() as Dict;
  if (Object.getPrototypeOf(probe) !== type.prototype || probe.constructor !== type)
    unsupported('a constructor that returns another object');

  for (const name of Object.keys(plan.grouped)) {
    const property = compileProperty(plan, transformer, name, plan.grouped[name]!);
    if (onPrototypeChain(type, name)) unsupported(`property ${name} is also a method or accessor`);
    if (probe[name] instanceof Function) unsupported(`property ${name} defaults to a function`);
    plan.properties.push(property);
    plan.byName.set(name, property);
  }
}

function compileProperty(
  plan: ClassPlan,
  transformer: TransformerMetadata,
  name: string,
  metadatas: ValidationMetadata[],
): PropertyPlan {
  const storage = getMetadataStorage();
  const conditions: Condition[] = [];
  const defined: CheckPlan[] = [];
  const custom: CheckPlan[] = [];
  const nested: ValidationMetadata[] = [];
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        const condition: unknown = metadata.constraints?.[0];
        if (typeof condition !== 'function') unsupported(`a condition on ${name} that is not a function`);
        conditions.push(condition as Condition);
        break;
      }
      case ValidationTypes.IS_DEFINED:
        defined.push(checkOf(metadata, storage.getTargetValidatorConstraints(metadata.constraintCls)));
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
        custom.push(checkOf(metadata, storage.getTargetValidatorConstraints(metadata.constraintCls)));
        break;
      case ValidationTypes.NESTED_VALIDATION:
        nested.push(metadata);
        break;
      case ValidationTypes.WHITELIST: // @Allow: known, nothing to check
        break;
      default:
        unsupported(`${metadata.type} on ${name}`);
    }
  }
  if (nested.length > 1) unsupported(`more than one @ValidateNested on ${name}`);
  const checks = [...defined, ...custom];
  return {
    name,
    conversion: conversionOf(plan, transformer, name),
    conditions,
    checks,
    flat: checks.some((check) => check.validateIf !== undefined)
      ? undefined
      : checks.flatMap((check) => check.constraints.map((constraint) => ({ ...constraint, metadata: check.metadata }))),
    nested: nested[0],
  };
}

function checkOf(metadata: ValidationMetadata, constraints: ConstraintMetadata[]): CheckPlan {
  return {
    metadata,
    validateIf: metadata.validateIf,
    constraints: constraints
      // validateSync skips asynchronous constraints
      .filter((constraint) => !constraint.async)
      .map((constraint) => {
        const fast = fastCheck(metadata, constraint);
        return { constraint, type: constraintType(metadata, constraint), fast, test: testOf(metadata, constraint, fast) };
      }),
  };
}

/**
 * How class-transformer turns an input value of this property into the instance's value.
 * `dependency`: the class it leads to is one of this class's dependencies (not so for the
 * conversion of a key without rules, looked up while building).
 */
function conversionOf(plan: ClassPlan, transformer: TransformerMetadata, name: string, dependency = true): Conversion {
  const typeMetadata = transformer.findTypeMetadata(plan.type, name);
  let target: unknown;
  if (typeMetadata !== undefined) {
    if (typeMetadata.options?.discriminator) unsupported(`@Type with a discriminator on ${name}`);
    if (typeMetadata.reflectedType === Map) unsupported(`a Map property ${name}`);
    checkArrayType(typeMetadata.reflectedType, name);
    const typeFunction = typeMetadata.typeFunction;
    if (typeFunction === undefined) target = typeMetadata.reflectedType;
    else if (typeFunction.length > 0) unsupported(`a @Type function on ${name} that reads its options`);
    else target = typeFunction();
  } else if (plan.fromQuery) {
    if (typeof Reflect.getMetadata !== 'function') unsupported('reflect-metadata is not loaded');
    target = Reflect.getMetadata('design:type', plan.type.prototype, name);
  }
  return conversionTo(plan, target, name, dependency);
}

function conversionTo(plan: ClassPlan, target: unknown, name: string, dependency: boolean): Conversion {
  if (target === undefined || target === null) return { kind: Kind.Copy };
  if (target === Number) return { kind: Kind.Number };
  if (target === String) return { kind: Kind.String };
  if (target === Boolean) return { kind: plan.fromQuery ? Kind.QueryBoolean : Kind.Boolean };
  if (typeof target !== 'function') unsupported(`a @Type on ${name} that is not a class`);
  if ([Date, Map, Set, Promise, globalThis.Buffer].includes(target as never)) unsupported(`a ${target.name} property ${name}`);
  if (target === Object || target === Array || target === Function) return { kind: Kind.Opaque };
  const nested = planOf(target as Constructor, plan.fromQuery);
  if (dependency && !plan.dependencies.includes(nested)) plan.dependencies.push(nested);
  return { kind: Kind.Dto, plan: nested };
}

/** class-transformer makes an array value a `new reflectedType()` when that has `push` (or is a Set). */
function checkArrayType(reflectedType: unknown, name: string): void {
  if (reflectedType === undefined || reflectedType === Array || reflectedType === Object) return;
  if (typeof reflectedType !== 'function') unsupported(`design:type of ${name}`);
  if (reflectedType === String || reflectedType === Number || reflectedType === Boolean) return;
  const made: unknown = new (reflectedType as Constructor)();
  if (made instanceof Set || (typeof made === 'object' && made !== null && 'push' in made))
    unsupported(`design:type ${reflectedType.name} of ${name}`);
}

function onPrototypeChain(type: Constructor, name: string): boolean {
  for (let proto: unknown = type.prototype; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.getOwnPropertyDescriptor(proto, name) !== undefined) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Building the instance (class-transformer's plainToInstance)

/** Object.prototype's members: class-transformer never copies a key naming one into a new object. */
const OBJECT_MEMBERS = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key);
    return (descriptor !== undefined && !descriptor.set) || ({} as Dict)[key] instanceof Function;
  }),
);

/** Plain JSON-shaped objects only (and the query's null-prototype object). */
function objectInput(value: object): Dict {
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as Dict).then === 'function') throw BAIL;
  return value as Dict;
}

function build(plan: ClassPlan, value: Dict): Dict {
  const instance = new plan.type() as Dict;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '__proto__' || key === 'constructor') continue;
    const property = plan.byName.get(key);
    if (property !== undefined) {
      const sub = value[key];
      // exposeDefaultValues: a missing value keeps the default (class-transformer writes it back)
      instance[key] = sub === undefined ? instance[key] : convert(sub, property.conversion);
      continue;
    }
    // A key without rules: copied (and then refused by the whitelist) unless it names a method.
    const descriptor = Object.getOwnPropertyDescriptor(plan.type.prototype, key);
    if ((descriptor !== undefined && !descriptor.set) || instance[key] instanceof Function) continue;
    const sub = value[key];
    instance[key] = sub === undefined ? instance[key] : convert(sub, unknownConversion(plan, key));
  }
  return instance;
}

/** A key with no class-validator rules may still carry @Type or design:type. */
function unknownConversion(plan: ClassPlan, key: string): Conversion {
  try {
    const transformer = transformerMetadata()!;
    const conversion = conversionOf(plan, transformer, key, false);
    if (conversion.plan !== undefined && !supported(conversion.plan)) throw BAIL;
    return conversion;
  } catch (error) {
    if (error instanceof Unsupported) throw BAIL;
    throw error;
  }
}

function convert(value: unknown, conversion: Conversion): unknown {
  if (value === null || typeof value !== 'object') {
    switch (conversion.kind) {
      case Kind.Number:
        return value == null ? value : Number(value);
      case Kind.String:
        return value == null ? value : String(value);
      case Kind.Boolean:
        return value == null ? value : Boolean(value);
      case Kind.QueryBoolean:
        return queryBoolean(value);
      default:
        return value;
    }
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw BAIL;
    const length = value.length;
    const array: unknown[] = [];
    for (let i = 0; i < length; i++) {
      if (!(i in value)) throw BAIL; // sparse: class-transformer's forEach would close the gaps
      array.push(convert(value[i], conversion));
    }
    return array;
  }
  const object = objectInput(value);
  switch (conversion.kind) {
    case Kind.Dto: {
      const plan = conversion.plan!;
      if (!supported(plan)) throw BAIL;
      return build(plan, object);
    }
    case Kind.Copy:
      return copy(object);
    // class-transformer converts objects too: `Number({})` is NaN, `String({})` '[object Object]'
    case Kind.Number:
      return Number(object);
    case Kind.String:
      return String(object);
    case Kind.Boolean:
      return Boolean(object);
    case Kind.QueryBoolean: // not a boolean: left for the rules (or the stray check) to refuse
      return object;
    default:
      throw BAIL;
  }
}

/** class-transformer's copy of an object that has no target type: a plain object, deeply. */
function copy(value: Dict): Dict {
  // class-transformer takes a (truthy) `constructor` key for the object's class and fails on it
  const guessed = value.constructor;
  if (guessed && guessed !== Object) throw BAIL;
  const result: Dict = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || OBJECT_MEMBERS.has(key)) continue;
    const sub = value[key];
    result[key] = sub === undefined ? undefined : convert(sub, COPY);
  }
  return result;
}

const COPY: Conversion = { kind: Kind.Copy };

// ---------------------------------------------------------------------------------------------
// Validating the instance (class-validator's ValidationExecutor for toDto's options)

function validateObject(plan: ClassPlan, object: Dict, parent: string, problems: FieldProblem[]): void {
  const grouped = plan.grouped;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (plan.known.has(key)) continue;
    const known = grouped[key]; // what class-validator asks (a key like `toString` finds Object.prototype's)
    if (!known || known.length === 0) {
      const field = pathOf(parent, key);
      problems.push({ field, messages: [rename(`property ${key} should not exist`, key, field)] });
    }
  }
  const properties = plan.properties;
  for (let i = 0; i < properties.length; i++) validateProperty(properties[i]!, object, parent, plan.fromQuery, problems);
}

function validateProperty(
  property: PropertyPlan,
  object: Dict,
  parent: string,
  fromQuery: boolean,
  problems: FieldProblem[],
): void {
  const value = object[property.name];
  const conditions = property.conditions;
  if (conditions.length > 0) {
    let proceed = true; // every condition runs, as in class-validator
    for (let i = 0; i < conditions.length; i++) if (!conditions[i]!(object, value)) proceed = false;
    if (!proceed) return;
  }

  let constraints: Record<string, string> | undefined;
  const flat = property.flat;
  if (flat !== undefined) {
    for (let i = 0; i < flat.length; i++) {
      const constraint = flat[i]!;
      if (constraint.test(value, object)) continue;
      constraints ??= {};
      constraints[constraint.type] = messageOf(object, value, constraint.metadata, constraint.constraint);
    }
  } else {
    for (const check of property.checks) {
      if (check.validateIf !== undefined && !check.validateIf(object, value)) continue;
      for (const constraint of check.constraints) {
        if (constraint.test(value, object)) continue;
        constraints ??= {};
        constraints[constraint.type] = messageOf(object, value, check.metadata, constraint.constraint);
      }
    }
  }

  const nested = property.nested;
  if (nested !== undefined && value !== undefined) {
    if (isCollection(value) || value instanceof Object) {
      if (constraints !== undefined) own(property.name, parent, constraints, problems);
      const field = pathOf(parent, property.name);
      const expected = property.conversion.plan;
      if (isCollection(value)) validateElements(value, nested, field, expected, fromQuery, problems);
      else validateNestedObject(value as object, field, expected, fromQuery, problems);
      return;
    }
    constraints ??= {};
    constraints[nested.type] = messageOf(nested.target as object, value, nested, undefined);
  }
  if (constraints !== undefined) own(property.name, parent, constraints, problems);
}

function own(property: string, parent: string, constraints: Record<string, string>, problems: FieldProblem[]): void {
  const field = pathOf(parent, property);
  problems.push({ field, messages: Object.values(constraints).map((message) => rename(message, property, field)) });
}

function testOf(
  metadata: ValidationMetadata,
  constraint: ConstraintMetadata,
  fast: FastCheck | undefined,
): ConstraintPlan['test'] {
  const whole = (value: unknown, object: object): boolean => {
    const result = constraint.instance.validate(value, argumentsOf(object, metadata, value));
    // validateSync leaves a promise pending: no error from it
    return isPromise(result) || !!result;
  };
  if (!metadata.each) return fast ?? whole;
  return (value, object) => {
    if (!isCollection(value)) return fast !== undefined ? fast(value) : whole(value, object);
    const values = value instanceof Map ? Array.from(value.values()) : Array.isArray(value) ? value : Array.from(value);
    if (fast !== undefined) {
      let all = true;
      for (let i = 0; i < values.length; i++) if (!fast(values[i])) all = false;
      return all;
    }
    const args = argumentsOf(object, metadata, value);
    const instance = constraint.instance;
    const results = values.map((element) => instance.validate(element, args));
    return results.some(isPromise) || results.every(Boolean);
  };
}

type Collection = unknown[] | Set<unknown> | Map<unknown, unknown>;

function isCollection(value: unknown): value is Collection {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

function isPromise(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

/** Each element of a @ValidateNested array (Set, Map), named by its index (key). */
function validateElements(
  collection: Collection,
  nested: ValidationMetadata,
  parent: string,
  expected: ClassPlan | undefined,
  fromQuery: boolean,
  problems: FieldProblem[],
): void {
  if (Array.isArray(collection)) {
    for (let i = 0; i < collection.length; i++) {
      // forEach skips holes; an index is always a `[i]` path
      if (i in collection) validateElement(collection[i], String(i), `${parent}[${i}]`, nested, expected, fromQuery, problems);
    }
    return;
  }
  const each = (element: unknown, index: unknown) => {
    const name = (index as object).toString();
    validateElement(element, name, pathOf(parent, name), nested, expected, fromQuery, problems);
  };
  if (collection instanceof Set) Array.from(collection).forEach(each);
  else collection.forEach(each);
}

function validateElement(
  element: unknown,
  name: string,
  field: string,
  nested: ValidationMetadata,
  expected: ClassPlan | undefined,
  fromQuery: boolean,
  problems: FieldProblem[],
): void {
  if (element === undefined) return;
  if (isCollection(element)) validateElements(element, nested, field, expected, fromQuery, problems);
  else if (element instanceof Object) validateNestedObject(element, field, expected, fromQuery, problems);
  else {
    const message = messageOf(nested.target as object, element, nested, undefined);
    problems.push({ field, messages: [rename(message, name, field)] });
  }
}

/** class-validator's `execute` on a nested object: by the rules of its own class. */
function validateNestedObject(
  value: object,
  field: string,
  expected: ClassPlan | undefined,
  fromQuery: boolean,
  problems: FieldProblem[],
): void {
  const type = (value as { constructor?: unknown }).constructor;
  let plan = expected;
  if (plan === undefined || plan.type !== type) {
    if (typeof type !== 'function') throw BAIL;
    plan = planOf(type as Constructor, fromQuery);
  }
  if (plan.empty) {
    const unknownField = pathOf(field, undefined);
    problems.push({
      field: unknownField,
      messages: [rename('an unknown value was passed to the validate function', undefined, unknownField)],
    });
    return;
  }
  if (!supported(plan)) throw BAIL;
  validateObject(plan, value as Dict, field, problems);
}
