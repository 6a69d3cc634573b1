/**
 * What the gateway adds to the merged OpenAPI document: its signature security scheme and its
 * refusals (API.md, Ingress) as responses of every operation. Its own endpoints: openapi-gateway-paths.ts.
 */
import { REFUSALS, type RefusalCode } from './problem.js';

type Json = { [key: string]: unknown };

export const SECURITY_SCHEME = 'channelSignature';

export const SECURITY_SCHEMES: Json = {
  [SECURITY_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Ca-Key',
    description: [
      "Alibaba Cloud API Gateway's HmacSHA256 signature of a channel app (AppKey/AppSecret); the official",
      'npm client `aliyun-api-gateway` and `@retail/client` produce it. Headers: `X-Ca-Key` (the AppKey),',
      '`X-Ca-Timestamp` (epoch ms, within 15 minutes), `X-Ca-Nonce` (unique per request for 15 minutes),',
      '`X-Ca-Signature-Method: HmacSHA256`, `X-Ca-Signature-Headers` (the signed headers, at least the',
      '`x-ca-*` ones), `X-Ca-Signature` = base64(HMAC-SHA256(AppSecret, stringToSign)), and `Content-MD5`',
      '(base64 MD5 of the body) with a body. stringToSign = METHOD\\nAccept\\nContent-MD5\\nContent-Type\\nDate\\n',
      'then `name:value\\n` per signed header (lowercase, sorted), then the path with its query parameters',
      'sorted by key (`/members?phone=13800000000`).',
    ].join(' '),
  },
};

const ERROR_HEADERS = {
  'X-Ca-Error-Message': {
    description: "The real gateway's message (`Throttled by APP Flow Control`...).",
    schema: { type: 'string' },
  },
  'X-Ca-Error-Code': {
    description: 'Set on gateway refusals only (never on a function\u2019s own errors).',
    schema: { type: 'string' },
  },
};

export const GATEWAY_SCHEMAS: Record<string, Json> = {
  GatewayProblem: {
    type: 'object',
    description: 'A refusal by the gateway itself (RFC 9457), with `X-Ca-Error-Message` and `X-Ca-Error-Code` headers.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'messages'],
          properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  },
  Throttle: {
    type: 'object',
    required: ['rps', 'burst'],
    additionalProperties: false,
    properties: {
      rps: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Requests per second refilled.' },
      burst: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'How many may arrive at once.' },
    },
  },
};

/** A gateway refusal response for one status, with the codes it may carry there. */
export function refusalResponse(status: number, codes: readonly RefusalCode[]): Json {
  const messages = codes.map((code) => `\`${code}\` (${REFUSALS[code].message})`);
  return {
    description: `Gateway refusal: ${messages.join('; ')}.`,
    headers: { ...ERROR_HEADERS, ...(status === 429 ? { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } } : {}) },
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/GatewayProblem' },
            { type: 'object', properties: { status: { const: status }, code: { enum: [...codes] } } },
          ],
        },
      },
    },
  };
}

/** The refusals any signed request through the gateway may get, by status (API.md's table and the upstream failures). */
export function signedRefusals(adminOnly: boolean): Record<string, Json> {
  const table: Record<number, RefusalCode[]> = {
    400: [...SIGNED_400],
    401: ['signature-missing'],
    413: ['payload-too-large'],
    429: ['throttled'],
  };
  if (adminOnly) table[403] = ['unauthorized'];
  return Object.fromEntries(Object.entries(table).map(([status, codes]) => [status, refusalResponse(Number(status), codes)]));
}

const SIGNED_400: readonly RefusalCode[] = [
  'invalid-app-key',
  'invalid-signature',
  'timestamp-expired',
  'nonce-used',
  'invalid-content-md5',
  'invalid-path',
];

/** An admin endpoint that takes a JSON body and names its target in the path: its body's and an unknown target's refusals too. */
export function adminBodyRefusals(): Record<string, Json> {
  return {
    ...signedRefusals(true),
    400: refusalResponse(400, [...SIGNED_400, 'invalid-json', 'validation-failed']),
    404: refusalResponse(404, ['not-found']),
  };
}

/** Refusals of a forwarded request when its function cannot answer. */
export const UPSTREAM_REFUSALS: Record<string, Json> = {
  502: refusalResponse(502, ['upstream-unreachable']),
  503: refusalResponse(503, ['function-unavailable']),
  504: refusalResponse(504, ['upstream-timeout']),
};
