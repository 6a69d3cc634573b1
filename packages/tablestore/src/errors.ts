/** Stable codes of the layer's errors; `otsCode` carries the service's own code when there is one. */
export type TablestoreErrorCode =
  | 'CONDITION_FAILED'
  | 'TABLE_NOT_FOUND'
  | 'TABLE_ALREADY_EXISTS'
  | 'TABLE_SCHEMA_MISMATCH'
  | 'INVALID_PARAMETER'
  | 'INVALID_CURSOR'
  | 'INVALID_CONFIG'
  | 'AUTH_FAILED'
  | 'THROTTLED'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SERVER_ERROR'
  | 'AMBIGUOUS_WRITE'
  | 'UNKNOWN';

export interface TablestoreErrorDetails {
  otsCode?: string | undefined;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
  /** The error is transient: the same request may succeed later. */
  retryable?: boolean;
  /** A write that failed with this error may nevertheless have been applied. */
  ambiguous?: boolean;
  operation?: string | undefined;
  table?: string | undefined;
  cause?: unknown;
}

/** Base class of every error this layer throws. */
export class TablestoreError extends Error {
  override readonly name: string = 'TablestoreError';
  readonly code: TablestoreErrorCode;
  readonly otsCode: string | undefined;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly ambiguous: boolean;
  readonly operation: string | undefined;
  readonly table: string | undefined;

  constructor(code: TablestoreErrorCode, message: string, details: TablestoreErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.code = code;
    this.otsCode = details.otsCode;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
    this.retryable = details.retryable ?? false;
    this.ambiguous = details.ambiguous ?? false;
    this.operation = details.operation;
    this.table = details.table;
  }
}

/** A row-existence or column condition did not hold (OTSConditionCheckFail). Nothing was written. */
export class ConditionFailedError extends TablestoreError {
  override readonly name = 'ConditionFailedError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('CONDITION_FAILED', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** The table does not exist (OTSObjectNotExist). */
export class TableNotFoundError extends TablestoreError {
  override readonly name = 'TableNotFoundError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('TABLE_NOT_FOUND', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** The table already exists (OTSObjectAlreadyExist). */
export class TableAlreadyExistsError extends TablestoreError {
  override readonly name = 'TableAlreadyExistsError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('TABLE_ALREADY_EXISTS', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** An existing table's primary key differs from its definition. */
export class TableSchemaMismatchError extends TablestoreError {
  override readonly name = 'TableSchemaMismatchError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('TABLE_SCHEMA_MISMATCH', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** The request was refused as invalid, by the service (OTSParameterInvalid...) or before sending. */
export class InvalidParameterError extends TablestoreError {
  override readonly name = 'InvalidParameterError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('INVALID_PARAMETER', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** A page cursor that is malformed, tampered with or outside the requested range. */
export class InvalidCursorError extends TablestoreError {
  override readonly name = 'InvalidCursorError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('INVALID_CURSOR', message, { ...details, retryable: false, ambiguous: false });
  }
}

/** Configuration is missing or invalid (names the variable or field). */
export class TablestoreConfigError extends TablestoreError {
  override readonly name = 'TablestoreConfigError';
  constructor(message: string) {
    super('INVALID_CONFIG', message);
  }
}

/** Signature, key, instance, date or MD5 rejected (OTSAuthFailed). */
export class AuthFailedError extends TablestoreError {
  override readonly name = 'AuthFailedError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('AUTH_FAILED', message, { ...details, retryable: false, ambiguous: false });
  }
}

/**
 * The service refused the request without applying it: throttling, server busy, capacity or
 * quota, partition unavailable, row operation conflict, table not ready. Safe to retry later.
 */
export class ThrottledError extends TablestoreError {
  override readonly name = 'ThrottledError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('THROTTLED', message, { ...details, retryable: details.retryable ?? true, ambiguous: false });
  }
}

/** No response within the request timeout. A write may have been applied. */
export class TimeoutError extends TablestoreError {
  override readonly name = 'TimeoutError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('TIMEOUT', message, { ...details, retryable: true, ambiguous: true });
  }
}

/** The connection failed; `ambiguous` is false only when the request was never sent. */
export class NetworkError extends TablestoreError {
  override readonly name = 'NetworkError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('NETWORK', message, { ...details, retryable: true, ambiguous: details.ambiguous ?? true });
  }
}

/** The service failed internally (5xx, OTSInternalServerError, OTSTimeout). A write may have been applied. */
export class ServerError extends TablestoreError {
  override readonly name = 'ServerError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('SERVER_ERROR', message, { ...details, retryable: details.retryable ?? true, ambiguous: details.ambiguous ?? true });
  }
}

/**
 * A write whose outcome is unknown: an attempt failed in a way that may have applied it, and a
 * retry could not settle it (e.g. an EXPECT_NOT_EXIST put timed out, and its retry then failed
 * the condition: was the row ours?). Read the row to find out. `cause` is the last error.
 */
export class AmbiguousWriteError extends TablestoreError {
  override readonly name = 'AmbiguousWriteError';
  constructor(message: string, details: TablestoreErrorDetails = {}) {
    super('AMBIGUOUS_WRITE', message, { ...details, retryable: false, ambiguous: true });
  }
}
