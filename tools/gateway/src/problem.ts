/**
 * Every answer the gateway itself gives instead of a function: RFC 9457 problem details with the
 * real gateway's `X-Ca-Error-Message` and a non-empty `X-Ca-Error-Code` (which is how a client
 * tells a gateway refusal from a function's own status).
 */

/** A problem detail (RFC 9457) with a stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

interface Refusal {
  status: number;
  /** `X-Ca-Error-Message`, as the real gateway words it. */
  message: string;
  /** The real gateway's six-character `X-Ca-Error-Code` where its docs give one; else the problem code. */
  errorCode?: string;
}

/** The refusals of API.md's table, then the gateway's other errors. */
export const REFUSALS = {
  'signature-missing': { status: 401, message: 'Empty Signature' },
  'invalid-app-key': { status: 400, message: 'Invalid AppKey', errorCode: 'A400IK' },
  'invalid-signature': { status: 400, message: 'Invalid Signature', errorCode: 'A403IS' },
  'timestamp-expired': { status: 400, message: 'Timestamp Expired' },
  'nonce-used': { status: 400, message: 'Nonce Used' },
  'invalid-content-md5': { status: 400, message: 'Invalid Content-MD5' },
  unauthorized: { status: 403, message: 'Unauthorized' },
  throttled: { status: 429, message: 'Throttled by APP Flow Control' },
  'not-found': { status: 404, message: 'API not found', errorCode: 'I404NF' },
  'payload-too-large': { status: 413, message: 'Request body too Large', errorCode: 'I413RL' },
  'invalid-path': { status: 400, message: 'Invalid Request Path', errorCode: 'I400PA' },
  'invalid-json': { status: 400, message: 'Invalid Body', errorCode: 'I400BD' },
  'validation-failed': { status: 400, message: 'Invalid Body', errorCode: 'I400BD' },
  'upstream-unreachable': { status: 502, message: 'Backend service connect failed' },
  'function-unavailable': { status: 503, message: 'Backend service unavailable' },
  'upstream-timeout': { status: 504, message: 'Backend service request timeout' },
  'internal-error': { status: 500, message: 'Internal Error' },
} as const satisfies Record<string, Refusal>;

export type RefusalCode = keyof typeof REFUSALS;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A ready-to-send refusal: status, headers and body. */
export interface ProblemResponse {
  status: number;
  headers: Record<string, string>;
  body: Problem;
}

/**
 * Builds a refusal.
 *
 * @example
 * refusal('throttled', 'Channel wechat is over 200 requests/s.', { headers: { 'retry-after': '1' } })
 */
export function refusal(
  code: RefusalCode,
  detail: string,
  options: { message?: string; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): ProblemResponse {
  const known: Refusal = REFUSALS[code];
  return {
    status: known.status,
    headers: {
      'x-ca-error-message': options.message ?? known.message,
      'x-ca-error-code': known.errorCode ?? code,
      ...options.headers,
    },
    body: {
      type: `/problems/${code}`,
      title: TITLES[known.status] ?? 'Error',
      status: known.status,
      detail,
      code,
      ...options.extensions,
    },
  };
}
