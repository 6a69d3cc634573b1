import type { JsonSchema, OpenApiResponse } from './types.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The schemas every function document carries: RFC 9457 problem details with a stable `code`. */
export const PROBLEM_SCHEMAS: Record<string, JsonSchema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; `code` is a stable kebab-case machine code.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', examples: ['/problems/not-found'] },
      title: { type: 'string' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: { type: 'string' },
      code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      errors: {
        type: 'array',
        description: 'With `validation-failed`: every bad field, named as in the input (`items[0].quantity`).',
        items: { $ref: '#/components/schemas/FieldProblem' },
      },
    },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'messages'],
    properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
  },
};

/** What a route can answer with, as problem codes per status. */
export type ProblemCodes = Map<number, Set<string>>;

const DESCRIPTIONS: Record<string, string> = {
  'validation-failed': 'a bad input value; `errors` names every bad field',
  'invalid-json': 'the body is not valid JSON',
  'not-found': 'no such resource (also for a malformed id)',
  'payload-too-large': 'the body is over 1 MiB',
  'unsupported-media-type': 'the body is not JSON',
  'idempotency-key-reused': 'the same Idempotency-Key was used with another body',
  'idempotency-in-progress': 'a request with this Idempotency-Key is still running; retry later',
  'internal-error': 'a defect; quote the request id',
  'storage-unavailable': 'storage is busy; retry after Retry-After seconds',
};

const RETRY_AFTER = { description: 'Seconds to wait before a retry.', schema: { type: 'integer', minimum: 0 } };

/** A problem+json response for a status and the codes it may carry. */
export function problemResponse(status: number, codes: readonly string[]): OpenApiResponse {
  const sorted = [...codes].sort();
  const described = sorted.map((code) => (DESCRIPTIONS[code] ? `\`${code}\`: ${DESCRIPTIONS[code]}` : `\`${code}\``));
  const response: OpenApiResponse = {
    description: `Problem: ${described.join('; ')}.`,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            { type: 'object', properties: { status: { const: status }, code: { enum: sorted } } },
          ],
        },
      },
    },
  };
  if (status === 503 || codes.includes('idempotency-in-progress')) response.headers = { 'Retry-After': RETRY_AFTER };
  return response;
}

/** Adds codes to a status in a problem-code table. */
export function addCodes(table: ProblemCodes, status: number, ...codes: string[]): void {
  const known = table.get(status) ?? new Set<string>();
  for (const code of codes) known.add(code);
  table.set(status, known);
}
