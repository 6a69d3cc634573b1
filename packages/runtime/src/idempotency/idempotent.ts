import 'reflect-metadata';

const IDEMPOTENT = Symbol.for('retail:idempotent');

/**
 * Marks a route as honouring `Idempotency-Key`: a retry with the same key and body replays the
 * first response; the same key with another body is refused; a duplicate in flight waits.
 *
 * @example
 * @POST @Path(':id/points') @Idempotent() changePoints(...) { ... }
 */
export function Idempotent(): MethodDecorator {
  return (target, propertyKey) => Reflect.defineMetadata(IDEMPOTENT, true, target, propertyKey);
}

export function isIdempotent(prototype: object, method: string): boolean {
  return Reflect.getMetadata(IDEMPOTENT, prototype, method) === true;
}
