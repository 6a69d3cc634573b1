import { BODY_LIMIT_BYTES } from '../app.js';
import type { App } from '../app.js';
import { problem, problemResponse } from '../http/problem.js';
import type { RuntimeRequest, RuntimeResponse } from '../http/types.js';
import type { FcContext, FcHttpEvent, FcHttpResult } from './types.js';

/** FC hands the event as a Buffer (JSON inside); tests and other callers may pass it parsed. */
export function parseEvent(event: Buffer | string | FcHttpEvent): FcHttpEvent {
  if (Buffer.isBuffer(event)) return JSON.parse(event.toString('utf8')) as FcHttpEvent;
  return typeof event === 'string' ? (JSON.parse(event) as FcHttpEvent) : event;
}

/** The event as the app's request: lower-case headers, the raw (encoded) path, a query string. */
export function toRuntimeRequest(event: FcHttpEvent, context: FcContext): RuntimeRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(event.queryParameters ?? {})) query.append(name, value);
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath || '/',
    query: query.toString(),
    headers,
    body:
      event.body === undefined || event.body === ''
        ? undefined
        : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
    platformRequestId: context.requestId ?? event.requestContext.requestId,
  };
}

export function toFcResult(response: RuntimeResponse): FcHttpResult {
  return { statusCode: response.status, headers: response.headers, isBase64Encoded: false, body: response.body };
}

/**
 * Serves one HTTP-trigger invocation with the app (built by the initializer, or on first use).
 *
 * @example
 * export const handler = fcHttpHandler(() => appPromise);
 */
export function fcHttpHandler(getApp: (context: FcContext) => Promise<App>) {
  return async (event: Buffer | string | FcHttpEvent, context: FcContext = {}): Promise<FcHttpResult> => {
    const app = await getApp(context);
    const request = toRuntimeRequest(parseEvent(event), context);
    if (request.body && request.body.length > BODY_LIMIT_BYTES) {
      return toFcResult(problemResponse(problem(413, 'payload-too-large', `The body is larger than ${BODY_LIMIT_BYTES} bytes.`)));
    }
    return toFcResult(await app.handle(request));
  };
}
