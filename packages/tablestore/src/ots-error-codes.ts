import {
  AuthFailedError,
  ConditionFailedError,
  InvalidParameterError,
  ServerError,
  TableAlreadyExistsError,
  TableNotFoundError,
  TablestoreError,
  ThrottledError,
  type TablestoreErrorDetails,
} from './errors.js';

/** Refusals: the service did not apply the request and asks to come back later. */
const REFUSED = new Set([
  'OTSServerBusy',
  'OTSNotEnoughCapacityUnit',
  'OTSCapacityUnitExhausted',
  'OTSQuotaExhausted',
  'OTSOperationThrottled',
  'OTSPartitionUnavailable',
  'OTSServerUnavailable',
  'OTSRowOperationConflict',
  'OTSTableNotReady',
]);

const INVALID = new Set([
  'OTSParameterInvalid',
  'OTSInvalidPK',
  'OTSOutOfColumnCountLimit',
  'OTSOutOfRowSizeLimit',
  'OTSRequestBodyTooLarge',
  'OTSMethodNotAllowed',
]);

/** Failures inside the service after it may have applied a write. */
const INTERNAL = new Set(['OTSInternalServerError', 'OTSTimeout']);

/**
 * The typed error for an OTS error code (from a response body or a batch row).
 * Unknown codes fall back on the HTTP status when there is one.
 */
export function errorFromOtsCode(otsCode: string, message: string, details: TablestoreErrorDetails): TablestoreError {
  const d = { ...details, otsCode };
  const text = describe(otsCode, message, details);
  if (otsCode === 'OTSConditionCheckFail') return new ConditionFailedError(text, d);
  if (otsCode === 'OTSObjectNotExist') return new TableNotFoundError(text, d);
  if (otsCode === 'OTSObjectAlreadyExist') return new TableAlreadyExistsError(text, d);
  if (otsCode === 'OTSAuthFailed') return new AuthFailedError(text, d);
  if (INVALID.has(otsCode)) return new InvalidParameterError(text, d);
  if (REFUSED.has(otsCode)) {
    // OTSQuotaExhausted also means "too many tables", which no retry fixes.
    const retryable = otsCode !== 'OTSQuotaExhausted' || /too frequent/i.test(message);
    return new ThrottledError(text, { ...d, retryable });
  }
  if (INTERNAL.has(otsCode)) return new ServerError(text, d);
  if (otsCode === 'OTSRequestTimeout') return new ServerError(text, { ...d, ambiguous: false });
  return errorFromHttpStatus(details.httpStatus, text, d);
}

/** The typed error for a bare HTTP status (no OTS code could be read). */
export function errorFromHttpStatus(
  status: number | undefined,
  message: string,
  details: TablestoreErrorDetails,
): TablestoreError {
  const d = { ...details, httpStatus: status };
  if (status === 400 || status === 413) return new InvalidParameterError(message, d);
  if (status === 401 || status === 403) return new AuthFailedError(message, d);
  if (status === 408) return new ServerError(message, { ...d, ambiguous: false });
  if (status === 429) return new ThrottledError(message, d);
  if (status !== undefined && status >= 500) return new ServerError(message, d);
  return new TablestoreError('UNKNOWN', message, { ...d, retryable: false, ambiguous: true });
}

function describe(otsCode: string, message: string, details: TablestoreErrorDetails): string {
  const where = [details.operation, details.table].filter(Boolean).join(' ');
  const what = message ? `${otsCode}: ${message}` : otsCode;
  return where ? `${where}: ${what}` : what;
}
