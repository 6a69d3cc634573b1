/**
 * What kind of refusal an error is. The transport maps kinds to HTTP statuses in one place;
 * domain code says what happened, not how to answer it.
 */
export type ErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'unprocessable' | 'unavailable';

/** One named problem with an input field: `items[0].quantity`. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * An expected business outcome with a stable kebab-case `code` (`sold-out`, `phone-taken`): a refusal
 * the caller can act on. Anything else thrown is a defect, masked at the edge.
 */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * @example
 * throw new NotFoundError('member', id);
 */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';

  /** `detail` replaces the default message, e.g. when the key is not an id or must not be echoed (a phone number). */
  constructor(
    readonly resource: string,
    readonly id: string,
    detail?: string,
  ) {
    super('not-found', 'not-found', detail ?? `No ${resource} with id '${id}'.`);
  }
}

/**
 * A request that conflicts with the current state: `phone-taken`, `insufficient-points`, `sold-out`.
 *
 * @example
 * throw new ConflictError('phone-taken', 'This phone number is already registered.');
 */
export class ConflictError extends DomainError {
  override name = 'ConflictError';

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('conflict', code, message, options);
  }
}

/** Input that passed the transport's checks but breaks a domain rule, naming each field. */
export class ValidationError extends DomainError {
  override name = 'ValidationError';

  constructor(readonly problems: FieldProblem[]) {
    super('invalid', 'validation-failed', problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; '));
  }
}

/** A dependency that is overloaded or down right now; the caller may retry later. */
export class UnavailableError extends DomainError {
  override name = 'UnavailableError';

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('unavailable', code, message, options);
  }
}
