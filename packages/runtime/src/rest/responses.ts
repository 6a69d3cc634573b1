import { HttpProblem } from '../http/http-problem.js';
import { problem, problemFor, problemResponse } from '../http/problem.js';
import { JSON_TYPE, type RuntimeResponse } from '../http/types.js';
import type { Logger } from '../observability/logger.js';

interface NewResource {
  location: string;
  body: unknown;
  statusCode: number;
}

/**
 * A controller's return value as typescript-rest defines it: `undefined` is 204,
 * `Return.NewResource` 201 with its Location, anything else 200 JSON.
 *
 * @example
 * toResponse(new Return.NewResource('/members/m1', member)) // { status: 201, headers: { location: '/members/m1', ... } }
 */
export function toResponse(result: unknown): RuntimeResponse {
  if (result === undefined) return { status: 204, headers: {}, body: '' };
  if (result && typeof result === 'object' && 'location' in result && 'statusCode' in result) {
    const created = result as NewResource;
    return {
      status: created.statusCode,
      headers: { 'content-type': JSON_TYPE, location: created.location },
      body: JSON.stringify(created.body),
    };
  }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(result) };
}

/**
 * What a thrown thing becomes: the runtime's own refusals and domain errors as their problems,
 * retryable storage errors and writes of unknown outcome 503, anything else a masked 500 logged with its stack.
 *
 * @example
 * errorResponse(new NotFoundError('member', 'm1'), logger, requestId, '/members/:id') // 404 problem
 */
export function errorResponse(error: unknown, logger: Logger, requestId: string, route: string | undefined): RuntimeResponse {
  if (error instanceof HttpProblem) return problemResponse(error.problem);
  const known = problemFor(error);
  if (known) return problemResponse(known);
  if (isRetryableStorageError(error)) {
    logger.warn({ requestId, route, err: error }, 'storage unavailable');
    return problemResponse(problem(503, 'storage-unavailable', 'Storage is busy; retry shortly.'), { 'retry-after': '1' });
  }
  if (isUnknownStorageOutcome(error)) {
    // Decision 0002: nothing is stored for the key, and counters move through holds exactly once: retrying is safe.
    logger.warn({ requestId, route, err: error }, 'storage outcome unknown');
    const detail = 'A storage write may not have completed; retry with the same Idempotency-Key.';
    return problemResponse(problem(503, 'storage-unavailable', detail), { 'retry-after': '1' });
  }
  // A defect: the caller learns only that it happened and which request to quote.
  logger.error({ requestId, route, err: error }, 'unhandled error');
  return problemResponse(problem(500, 'internal-error', `An unexpected error occurred. Quote request id ${requestId}.`));
}

/** A @retail/tablestore error that says a retry may succeed (throttled, busy, timed out): 503. */
function isRetryableStorageError(error: unknown): boolean {
  return error instanceof Error && 'otsCode' in error && (error as { retryable?: unknown }).retryable === true;
}

/** A @retail/tablestore write whose outcome is unknown (`AmbiguousWriteError`: the answer was lost): 503. */
function isUnknownStorageOutcome(error: unknown): boolean {
  return error instanceof Error && 'otsCode' in error && (error as { ambiguous?: unknown }).ambiguous === true;
}
