import { describe, expect, it } from 'vitest';
import {
  AuthFailedError,
  ConditionFailedError,
  InvalidParameterError,
  NetworkError,
  ServerError,
  TableAlreadyExistsError,
  TableNotFoundError,
  ThrottledError,
  TimeoutError,
  normalizeError,
} from '../../src/index.js';
import { parseOtsErrorMessage } from '../../src/normalize-error.js';
import {
  otsErrorBody,
  sdkBareTimeoutError,
  sdkHttpError,
  sdkNetworkError,
  sdkOtsError,
  sdkTimeoutError,
} from '../support/sdk-errors.js';

describe('normalizeError from SDK errors', () => {
  it('reads the OTS code out of the message, not err.code (the HTTP status)', () => {
    const raw = sdkOtsError(403, 'OTSConditionCheckFail', 'Condition check failed.');
    expect((raw as unknown as { code: unknown }).code).toBe(403);
    const e = normalizeError(raw, { operation: 'PutRow', table: 'stock' });
    expect(e).toBeInstanceOf(ConditionFailedError);
    expect(e).toMatchObject({
      code: 'CONDITION_FAILED',
      otsCode: 'OTSConditionCheckFail',
      httpStatus: 403,
      requestId: 'req-123',
    });
    expect(e).toMatchObject({ retryable: false, ambiguous: false, operation: 'PutRow', table: 'stock' });
    expect(e.message).toBe('PutRow stock: OTSConditionCheckFail: Condition check failed.');
    expect(e.cause).toBe(raw);
  });

  it.each([
    [404, 'OTSObjectNotExist', TableNotFoundError, false],
    [409, 'OTSObjectAlreadyExist', TableAlreadyExistsError, false],
    [400, 'OTSParameterInvalid', InvalidParameterError, false],
    [403, 'OTSAuthFailed', AuthFailedError, false],
    [503, 'OTSServerBusy', ThrottledError, true],
    [403, 'OTSNotEnoughCapacityUnit', ThrottledError, true],
    [503, 'OTSCapacityUnitExhausted', ThrottledError, true],
    [503, 'OTSOperationThrottled', ThrottledError, true],
    [503, 'OTSPartitionUnavailable', ThrottledError, true],
    [503, 'OTSServerUnavailable', ThrottledError, true],
    [409, 'OTSRowOperationConflict', ThrottledError, true],
  ] as const)('HTTP %i %s', (status, code, cls, retryable) => {
    const e = normalizeError(sdkOtsError(status, code, 'some text'));
    expect(e).toBeInstanceOf(cls);
    expect(e.otsCode).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.ambiguous).toBe(false);
  });

  it('OTSQuotaExhausted is retryable only when it is about frequency', () => {
    expect(normalizeError(sdkOtsError(403, 'OTSQuotaExhausted', 'Too frequent table operations.')).retryable).toBe(true);
    const tables = normalizeError(sdkOtsError(403, 'OTSQuotaExhausted', 'Number of tables exceeded the quota.'));
    expect(tables).toBeInstanceOf(ThrottledError);
    expect(tables.retryable).toBe(false);
  });

  it('internal errors and server timeouts are retryable but ambiguous for writes', () => {
    for (const [status, code] of [
      [500, 'OTSInternalServerError'],
      [503, 'OTSTimeout'],
    ] as const) {
      const e = normalizeError(sdkOtsError(status, code, 'x'));
      expect(e).toBeInstanceOf(ServerError);
      expect(e).toMatchObject({ retryable: true, ambiguous: true });
    }
  });

  it('socket timeouts are TimeoutError, retryable and ambiguous (though the SDK codes them NetworkingError)', () => {
    const raw = sdkTimeoutError();
    expect((raw as unknown as { code: unknown }).code).toBe('NetworkingError');
    for (const r of [raw, sdkBareTimeoutError()]) {
      const e = normalizeError(r, { operation: 'UpdateRow' });
      expect(e).toBeInstanceOf(TimeoutError);
      expect(e).toMatchObject({ code: 'TIMEOUT', retryable: true, ambiguous: true });
    }
  });

  it('a refused connection was never sent; a reset one may have been', () => {
    const refused = normalizeError(sdkNetworkError('connect', 'connect ECONNREFUSED 127.0.0.1:1'));
    expect(refused).toBeInstanceOf(NetworkError);
    expect(refused).toMatchObject({ retryable: true, ambiguous: false });
    const reset = normalizeError(sdkNetworkError('read', 'read ECONNRESET'));
    expect(reset).toMatchObject({ code: 'NETWORK', retryable: true, ambiguous: true });
  });

  it('empty bodies on 400/403/404 (the SDK codes BadRequest/Forbidden/NotFound)', () => {
    const forbidden = normalizeError(sdkHttpError(403, Buffer.alloc(0), 'rid-9'));
    expect(forbidden).toBeInstanceOf(AuthFailedError);
    expect(forbidden.requestId).toBe('rid-9');
    expect(normalizeError(sdkHttpError(400, Buffer.alloc(0)))).toBeInstanceOf(InvalidParameterError);
    expect(normalizeError(sdkHttpError(404, Buffer.alloc(0))).code).toBe('UNKNOWN');
  });

  it('a non-protobuf 502 body is a retryable, ambiguous ServerError', () => {
    const e = normalizeError(sdkHttpError(502, Buffer.from('<html>Bad Gateway</html>')));
    expect(e).toBeInstanceOf(ServerError);
    expect(e).toMatchObject({ httpStatus: 502, retryable: true, ambiguous: true });
  });

  it('an unknown error is UNKNOWN, not retryable, and assumed ambiguous', () => {
    const e = normalizeError(new Error('missing required field'));
    expect(e).toMatchObject({ code: 'UNKNOWN', retryable: false, ambiguous: true });
  });
});

describe('parseOtsErrorMessage', () => {
  it('recovers code, message and request id', () => {
    const text = otsErrorBody('OTSParameterInvalid', "Invalid table name: '1x'.").toString() + ' requestId:abc';
    expect(parseOtsErrorMessage(text)).toEqual({
      otsCode: 'OTSParameterInvalid',
      message: "Invalid table name: '1x'.",
      requestId: 'abc',
    });
  });

  it('handles a message longer than 127 bytes (two-byte length) and one whose length byte is a letter', () => {
    const long = 'x'.repeat(300);
    expect(parseOtsErrorMessage(otsErrorBody('OTSParameterInvalid', long).toString() + ' requestId:r').message).toBe(long);
    const sixtyFive = 'y'.repeat(65); // length byte 0x41 = 'A'
    expect(parseOtsErrorMessage(otsErrorBody('OTSServerBusy', sixtyFive).toString()).message).toBe(sixtyFive);
  });

  it('works without a message field', () => {
    expect(parseOtsErrorMessage(otsErrorBody('OTSServerBusy').toString() + ' requestId:')).toEqual({
      otsCode: 'OTSServerBusy',
      message: '',
      requestId: undefined,
    });
  });
});
