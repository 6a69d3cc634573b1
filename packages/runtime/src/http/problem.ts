import { DomainError, type ErrorKind, type FieldProblem } from '@retail/core';
import { PROBLEM_TYPE, type RuntimeResponse } from './types.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
}

const STATUS_OF: Record<ErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A problem detail (RFC 9457) with a stable `code`.
 *
 * @example
 * problem(409, 'phone-taken', 'This phone number is already registered.')
 */
export function problem(status: number, code: string, detail: string, errors?: FieldProblem[]): Problem {
  return { type: `/problems/${code}`, title: TITLES[status] ?? 'Error', status, detail, code, ...(errors ? { errors } : {}) };
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): RuntimeResponse {
  return { status: body.status, headers: { 'content-type': PROBLEM_TYPE, ...headers }, body: JSON.stringify(body) };
}

interface HttpErrorLike {
  statusCode: number;
  message: string;
}

/**
 * The one mapping from thrown things to problems: domain errors by kind, typescript-rest's
 * HttpErrors by status; anything else is a defect (undefined here: masked and logged by the app).
 */
export function problemFor(error: unknown): Problem | undefined {
  if (error instanceof DomainError) {
    const errors = 'problems' in error ? (error as { problems: FieldProblem[] }).problems : undefined;
    return problem(STATUS_OF[error.kind], error.code, error.message, errors);
  }
  if (isHttpError(error)) {
    const status = error.statusCode;
    const code = (TITLES[status] ?? 'error').toLowerCase().replace(/ /g, '-');
    return problem(status, code, error.message || TITLES[status] || 'Error');
  }
  return undefined;
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as Partial<HttpErrorLike>).statusCode === 'number';
}
