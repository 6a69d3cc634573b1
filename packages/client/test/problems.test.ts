/** How responses become problems, for shapes the local gateway never sends (the classic gateway's 403). */
import { describe, expect, it } from 'vitest';
import { isThrottled, problemOf, type RawResponse } from '../src/index.js';

function response(status: number, headers: Record<string, string>, body: unknown): RawResponse {
  return { status, headers: new Headers(headers), body, requestId: headers['x-ca-request-id'] };
}

describe('problemOf', () => {
  it("reads the classic gateway's 403 'Throttled by APP Flow Control' as throttling", () => {
    const error = problemOf(
      response(403, { 'x-ca-error-message': 'Throttled by APP Flow Control', 'x-ca-request-id': 'r1' }, undefined),
    );
    expect(isThrottled(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'throttled', requestId: 'r1', fromGateway: false });
  });

  it('keeps a 403 that is not throttling as what it is', () => {
    const error = problemOf(
      response(403, { 'x-ca-error-message': 'Unauthorized', 'x-ca-error-code': 'unauthorized' }, undefined),
    );
    expect(isThrottled(error)).toBe(false);
    expect(error).toMatchObject({ code: 'http-403', detail: 'Unauthorized', fromGateway: true });
  });

  it('takes problem details as they come, and Retry-After', () => {
    const error = problemOf(
      response(
        503,
        { 'retry-after': '2' },
        {
          type: '/problems/storage-unavailable',
          title: 'Service Unavailable',
          status: 503,
          detail: 'busy',
          code: 'storage-unavailable',
        },
      ),
    );
    expect(error).toMatchObject({ status: 503, code: 'storage-unavailable', detail: 'busy', retryAfterSeconds: 2, errors: [] });
  });
});
