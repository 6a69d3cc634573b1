import 'reflect-metadata';
import { ValidateIf } from 'class-validator';

const RETURNS = Symbol.for('retail:openapi:returns');
const REFUSES = Symbol.for('retail:openapi:refuses');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaClass = new (...args: any[]) => object;

/** One documented success response of a route. */
export interface ReturnsDeclaration {
  status: number;
  /** The body's class; `[Class]` for a JSON array of it; none for a response without a body. */
  body: SchemaClass | [SchemaClass] | undefined;
  description: string | undefined;
}

/** Problem codes a route may answer with one status. */
export interface RefusesDeclaration {
  status: number;
  codes: string[];
}

/**
 * Documents a success response of a route: its status and the class that describes its body.
 * The class is a plain class in the app's dto folder with class-validator decorators (the same
 * vocabulary as request DTOs), because the domain types a controller returns carry no metadata.
 *
 * @example
 * @POST @Returns(201, MemberResponse, { description: 'The registered member.' })
 * register(body: RegisterMemberBody) { ... }
 */
export function Returns(
  status: number,
  body?: SchemaClass | [SchemaClass],
  options: { description?: string } = {},
): MethodDecorator {
  return (target, propertyKey) => {
    const list = [...returnsOf(target, String(propertyKey))];
    list.push({ status, body, description: options.description });
    Reflect.defineMetadata(RETURNS, list, target, propertyKey);
  };
}

/**
 * Documents the problem codes a route may answer with a status, beyond those every route has
 * (`validation-failed`, `not-found`, ...): the domain refusals a client should handle.
 *
 * @example
 * @POST @Refuses(409, 'phone-taken') register(body: RegisterMemberBody) { ... }
 */
export function Refuses(status: number, ...codes: string[]): MethodDecorator {
  return (target, propertyKey) => {
    const list = [...refusesOf(target, String(propertyKey))];
    list.push({ status, codes });
    Reflect.defineMetadata(REFUSES, list, target, propertyKey);
  };
}

/**
 * A property that is always present and may be `null` (a response's `birthday`): class-validator's
 * `ValidateIf(value !== null)`, which the OpenAPI generator reads as "required, nullable".
 *
 * @example
 * @Nullable() @Matches(DATE) birthday!: string | null;
 */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== null);
}

export function returnsOf(prototype: object, method: string): readonly ReturnsDeclaration[] {
  return (Reflect.getMetadata(RETURNS, prototype, method) as ReturnsDeclaration[] | undefined) ?? [];
}

export function refusesOf(prototype: object, method: string): readonly RefusesDeclaration[] {
  return (Reflect.getMetadata(REFUSES, prototype, method) as RefusesDeclaration[] | undefined) ?? [];
}
