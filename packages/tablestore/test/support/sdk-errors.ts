// Builds errors exactly the way the SDK does: its own extractError over a fake HTTP response
// whose body is a protobuf `Error` encoded with the SDK's own compiled proto.
import TableStore from 'tablestore';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const proto = require('tablestore/lib/protocol/tablestore_compiled_proto.js') as {
  main: { proto: { Error: { encode(m: unknown): { finish(): Uint8Array }; create(p: unknown): unknown } } };
};

export function otsErrorBody(code: string, message?: string): Buffer {
  const E = proto.main.proto.Error;
  return Buffer.from(E.encode(E.create(message === undefined ? { code } : { code, message })).finish());
}

/** The error object the SDK rejects with for an HTTP error response. */
export function sdkHttpError(status: number, body: Buffer, requestId = 'req-123'): Error {
  const resp = {
    httpResponse: { statusCode: status, body, headers: { 'x-ots-requestid': requestId } },
    error: undefined as unknown,
  };
  (TableStore.Client.prototype as unknown as { extractError(r: unknown): void }).extractError(resp);
  return resp.error as Error;
}

export function sdkOtsError(status: number, code: string, message?: string): Error {
  return sdkHttpError(status, otsErrorBody(code, message));
}

type Util = { util: { error(err: Error, options: object): Error } };
const util = (TableStore as unknown as Util).util;

/**
 * The SDK's socket timeout as the caller receives it: lib/http/node.js makes it code
 * 'TimeoutError', then the SEND listener passes it through util.error again as 'NetworkingError'.
 */
export function sdkTimeoutError(): Error {
  const timeout = util.error(new Error('Connection timed out after 3000ms'), { code: 'TimeoutError' });
  return util.error(timeout, { code: 'NetworkingError', hostname: '127.0.0.1', retryable: true });
}

/** The timeout as lib/http/node.js first creates it (code 'TimeoutError'). */
export function sdkBareTimeoutError(): Error {
  return util.error(new Error('Connection timed out after 3000ms'), { code: 'TimeoutError' });
}

/** The SDK's networking error: a Node socket error with code replaced by 'NetworkingError'. */
export function sdkNetworkError(syscall: string, message: string): Error {
  const nodeError = Object.assign(new Error(message), { errno: -1, syscall });
  return util.error(nodeError, { code: 'NetworkingError', hostname: '127.0.0.1', retryable: true });
}
