/**
 * Every refusal comes back as one error class, {@link ProblemError}, built from the RFC 9457
 * problem details the functions and the gateway answer with; the helpers below narrow it.
 */
import type { FieldProblem } from './types/common.js';

/** Refusals a function answers with `409`, by API.md. */
export type ConflictCode =
  | 'phone-taken'
  | 'insufficient-points'
  | 'points-busy'
  | 'points-overflow'
  | 'sold-out'
  | 'limit-reached'
  | 'campaign-not-active'
  | 'out-of-stock'
  | 'coupon-not-applicable'
  | 'amount-mismatch'
  | 'not-payable'
  | 'not-cancellable'
  | 'idempotency-in-progress';

/** The gateway's own refusals (API.md, Ingress). */
export type GatewayRefusalCode =
  | 'signature-missing'
  | 'invalid-app-key'
  | 'invalid-signature'
  | 'timestamp-expired'
  | 'nonce-used'
  | 'invalid-content-md5'
  | 'unauthorized'
  | 'throttled'
  | 'invalid-path'
  | 'upstream-unreachable'
  | 'function-unavailable'
  | 'upstream-timeout';

/** Every stable `code` API.md names; other strings may come from newer servers. */
export type ProblemCode =
  | ConflictCode
  | GatewayRefusalCode
  | 'validation-failed'
  | 'invalid-json'
  | 'not-found'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'idempotency-key-reused'
  | 'storage-unavailable'
  | 'internal-error'
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- keeps the literals in editor hints
  | (string & {});

/** The classic gateway answers throttling with 403 and this message instead of 429. */
export const THROTTLED_MESSAGE = 'Throttled by APP Flow Control';

export interface ProblemInit {
  status: number;
  code: ProblemCode;
  title: string;
  detail: string;
  type: string;
  errors: FieldProblem[];
  requestId: string | undefined;
  /** `X-Ca-Error-Code`: set only when the gateway itself refused. */
  gatewayErrorCode: string | undefined;
  /** `X-Ca-Error-Message`. */
  gatewayMessage: string | undefined;
  retryAfterSeconds: number | undefined;
  body: unknown;
}

/**
 * A refused request: the problem's `status`, stable `code`, `detail`, the fields of a
 * `validation-failed` (`errors`), and the request id to quote.
 *
 * @example
 * try { await client.members.register({ phone, name }); }
 * catch (error) { if (isConflict(error, 'phone-taken')) ...; else throw error; }
 */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldProblem[];
  readonly requestId: string | undefined;
  readonly gatewayErrorCode: string | undefined;
  readonly gatewayMessage: string | undefined;
  /** `Retry-After`, on throttling and busy answers. */
  readonly retryAfterSeconds: number | undefined;
  /** The parsed response body, as received. */
  readonly body: unknown;

  constructor(init: ProblemInit) {
    super(`${init.status} ${init.code}: ${init.detail}${init.requestId ? ` (request id ${init.requestId})` : ''}`);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.errors = init.errors;
    this.requestId = init.requestId;
    this.gatewayErrorCode = init.gatewayErrorCode;
    this.gatewayMessage = init.gatewayMessage;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }

  /** Whether the gateway refused the request (it never reached a function). */
  get fromGateway(): boolean {
    return this.gatewayErrorCode !== undefined && this.gatewayErrorCode !== '';
  }
}

/**
 * Whether `error` is a problem, with this code when one is given.
 *
 * @example
 * if (isProblem(error, 'idempotency-key-reused')) ...
 */
export function isProblem<C extends ProblemCode>(error: unknown, code?: C): error is ProblemError & { code: C } {
  return error instanceof ProblemError && (code === undefined || error.code === code);
}

/**
 * Throttled by the gateway's flow control: `429`, or the classic gateway's `403` with
 * `X-Ca-Error-Message: Throttled by APP Flow Control`. Wait `retryAfterSeconds` (when given).
 *
 * @example
 * if (isThrottled(error)) await sleep((error.retryAfterSeconds ?? 1) * 1000);
 */
export function isThrottled(error: unknown): error is ProblemError & { code: 'throttled' } {
  return error instanceof ProblemError && error.code === 'throttled';
}

/**
 * `404 not-found`: an unknown id (member, store, sku, campaign, coupon, order, flash sale), also in a body.
 *
 * @example
 * const member = await client.members.get(id).catch((error) => (isNotFound(error) ? undefined : Promise.reject(error)));
 */
export function isNotFound(error: unknown): error is ProblemError & { status: 404 } {
  return error instanceof ProblemError && error.status === 404;
}

/**
 * A `409` refusal, of one of these codes when any are given.
 *
 * @example
 * if (isConflict(error, 'sold-out', 'limit-reached')) showSoldOut(error.code);
 */
export function isConflict<C extends ConflictCode>(
  error: unknown,
  ...codes: C[]
): error is ProblemError & { status: 409; code: C } {
  return (
    error instanceof ProblemError && error.status === 409 && (codes.length === 0 || (codes as string[]).includes(error.code))
  );
}

/**
 * `400 validation-failed`, with `errors` naming every bad field.
 *
 * @example
 * if (isValidationFailed(error)) for (const { field, messages } of error.errors) form.mark(field, messages);
 */
export function isValidationFailed(error: unknown): error is ProblemError & { code: 'validation-failed' } {
  return error instanceof ProblemError && error.code === 'validation-failed';
}
