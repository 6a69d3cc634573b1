/** An error as the real service returns it: an HTTP status and a protobuf `Error{code, message}`. */
export class OtsError extends Error {
  override name = 'OtsError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string): OtsError => new OtsError(400, 'OTSParameterInvalid', message);
/** A primary key that does not match the table's schema (the service's own code for it). */
export const invalidPrimaryKey = (message: string): OtsError => new OtsError(400, 'OTSInvalidPK', message);
export const conditionCheckFailed = (): OtsError => new OtsError(403, 'OTSConditionCheckFail', 'Condition check failed.');
export const tableNotFound = (): OtsError => new OtsError(404, 'OTSObjectNotExist', 'Requested table does not exist.');
export const tableAlreadyExists = (): OtsError => new OtsError(409, 'OTSObjectAlreadyExist', 'Requested table already exists.');
export const authFailed = (message: string): OtsError => new OtsError(403, 'OTSAuthFailed', message);
export const unsupported = (message: string): OtsError => new OtsError(400, 'OTSUnsupportOperation', message);
