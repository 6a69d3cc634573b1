/** A request as every entry point (node:http, FC HTTP trigger) hands it to the app. */
export interface RuntimeRequest {
  method: string;
  /** The path as sent (percent-encoded), without the query string. */
  path: string;
  /** The raw query string without `?`. */
  query: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body?: Buffer | undefined;
  /** The platform's request id when the entry point has one (FC `requestId`). */
  platformRequestId?: string | undefined;
}

export interface RuntimeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
