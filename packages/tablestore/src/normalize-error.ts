import { NetworkError, TablestoreError, TimeoutError } from './errors.js';
import { errorFromHttpStatus, errorFromOtsCode } from './ots-error-codes.js';

export interface ErrorContext {
  operation?: string | undefined;
  table?: string | undefined;
}

/** What the SDK's body-as-text error message holds. */
export interface ParsedOtsError {
  otsCode: string | undefined;
  message: string;
  requestId: string | undefined;
}

const EMPTY_BODY_STATUS: Record<string, number> = { BadRequest: 400, Forbidden: 403, NotFound: 404, NotModified: 304 };
/** Node error codes and syscalls that prove the request never left this process. */
const NOT_SENT = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

/**
 * The one place SDK errors become typed errors. The SDK's own parsing is broken: `err.code` is the
 * HTTP status, and the OTS code sits in `err.message`, which is the raw protobuf `Error` body read
 * as text plus `" requestId:<id>"`. Connection failures have code 'NetworkingError', and so do
 * socket timeouts by the time they reach the caller (message "Connection timed out after Nms").
 *
 * @example
 * try { await sdk.putRow(params); } catch (e) { throw normalizeError(e, { operation: 'PutRow', table }); }
 */
export function normalizeError(err: unknown, ctx: ErrorContext = {}): TablestoreError {
  if (err instanceof TablestoreError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const code = e['code'];
  const rawMessage = typeof e['message'] === 'string' ? e['message'] : String(err);
  const where = [ctx.operation, ctx.table].filter(Boolean).join(' ');
  const prefix = where ? `${where}: ` : '';
  const base = { operation: ctx.operation, table: ctx.table, cause: err };

  // The SDK makes a socket timeout a 'TimeoutError', then its send step re-codes it 'NetworkingError'
  // (keeping the message and name), so that is what callers actually get.
  const sdkTimeout = /^Connection timed out after/.test(rawMessage) || e['name'] === 'TimeoutError';
  if (code === 'TimeoutError' || (code === 'NetworkingError' && sdkTimeout)) {
    return new TimeoutError(`${prefix}no response in time (${rawMessage})`, base);
  }
  if (code === 'NetworkingError') {
    const notSent = NOT_SENT.test(rawMessage) || e['syscall'] === 'connect' || e['syscall'] === 'getaddrinfo';
    return new NetworkError(`${prefix}network error: ${rawMessage}`, { ...base, ambiguous: !notSent });
  }
  const headerId = requestIdFromHeaders(e['headers']);
  if (typeof code === 'string' && code in EMPTY_BODY_STATUS) {
    const requestId = headerId ?? (rawMessage || undefined);
    const status = EMPTY_BODY_STATUS[code];
    return errorFromHttpStatus(status, `${prefix}HTTP ${status} with an empty body`, { ...base, requestId });
  }
  if (typeof code === 'number') {
    const parsed = parseOtsErrorMessage(rawMessage);
    const requestId = headerId ?? parsed.requestId;
    const details = { ...base, httpStatus: code, requestId };
    if (parsed.otsCode) return errorFromOtsCode(parsed.otsCode, parsed.message, details);
    return errorFromHttpStatus(code, `${prefix}HTTP ${code}: ${parsed.message}`, details);
  }
  return new TablestoreError('UNKNOWN', `${prefix}${rawMessage}`, { ...base, retryable: false, ambiguous: true });
}

/** Splits `<protobuf Error bytes as text> requestId:<id>` into code, message and request id. */
export function parseOtsErrorMessage(text: string): ParsedOtsError {
  let body = text;
  let requestId: string | undefined;
  const at = text.lastIndexOf(' requestId:');
  if (at >= 0) {
    body = text.slice(0, at);
    requestId = text.slice(at + ' requestId:'.length).trim() || undefined;
  }
  const match = /OTS[A-Za-z]+/.exec(body);
  if (!match) return { otsCode: undefined, message: printable(body), requestId };
  const rest = body.slice(match.index + match[0].length);
  return { otsCode: match[0], message: messageField(rest), requestId };
}

/** After the code: `\x12 <varint length> <message>`; a one-byte length is checked, longer ones stripped. */
function messageField(rest: string): string {
  if (!rest.startsWith('\x12')) return '';
  const afterTag = rest.slice(1);
  const first = afterTag.charCodeAt(0);
  if (first < 0x80 && Buffer.byteLength(afterTag.slice(1)) === first) return afterTag.slice(1);
  return printable(afterTag.replace(/^[\u0000-\u001f\u007f-\u009f\ufffd]+/, ''));
}

function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\ufffd]/g, '').trim();
}

function requestIdFromHeaders(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const h = headers as Record<string, unknown>;
  const id = h['x-ots-requestid'] ?? h['x-ots-request-id'];
  return typeof id === 'string' && id ? id : undefined;
}
