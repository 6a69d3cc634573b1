/** One request's trip to a function's upstream and back, with its timeout and failure answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UpstreamTimeoutError, UpstreamUnavailableError } from './errors.js';
import { downstreamHeaders, upstreamHeaders } from './headers.js';
import type { Logger } from './log.js';
import { refusal, type ProblemResponse } from './problem.js';
import { errorMessage } from './respond.js';
import type { Upstream, UpstreamResponse } from './upstream.js';

/** An authenticated, admitted request on its way to a function. */
export interface ForwardCall {
  /** The function's name, for messages and logs. */
  fn: string;
  upstream: Upstream;
  method: string;
  /** Path and query as received. */
  url: string;
  body: Buffer;
  channel: string;
  requestId: string;
  timeoutMs: number;
  log: Logger;
}

/**
 * Forwards the request and writes the function's answer; returns the refusal to send instead when
 * the function cannot answer (502, 504), or undefined when done (or the caller went away).
 */
export async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  call: ForwardCall,
): Promise<ProblemResponse | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new UpstreamTimeoutError(`${call.fn} did not answer within ${call.timeoutMs} ms`)),
    call.timeoutMs,
  );
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new Error('the caller went away'));
  };
  res.once('close', onClose);
  let response: UpstreamResponse;
  try {
    response = await call.upstream.forward({
      method: call.method,
      path: call.url,
      headers: upstreamHeaders(req.headers, {
        channel: call.channel,
        requestId: call.requestId,
        remoteAddress: req.socket.remoteAddress,
        host: req.headers.host,
      }),
      body: call.body,
      requestId: call.requestId,
      signal: controller.signal,
    });
  } catch (error) {
    if (res.destroyed) return undefined;
    call.log({
      level: 'warn',
      event: 'upstream-failed',
      requestId: call.requestId,
      function: call.fn,
      error: errorMessage(error),
    });
    if (error instanceof UpstreamTimeoutError) {
      return refusal('upstream-timeout', `The ${call.fn} function did not answer in time.`);
    }
    const reason = error instanceof UpstreamUnavailableError ? 'cannot be reached' : 'failed to answer';
    return refusal('upstream-unreachable', `The ${call.fn} function ${reason}.`);
  } finally {
    clearTimeout(timer);
    res.off('close', onClose);
  }
  if (res.destroyed) return undefined;
  try {
    writeUpstreamResponse(res, call.method, response);
    return undefined;
  } catch (error) {
    // A status or header node:http will not write: nothing has been sent yet.
    call.log({
      level: 'warn',
      event: 'upstream-bad-response',
      requestId: call.requestId,
      function: call.fn,
      error: errorMessage(error),
    });
    if (res.headersSent) {
      res.destroy();
      return undefined;
    }
    for (const name of res.getHeaderNames()) if (name !== 'x-ca-request-id' && name !== 'x-request-id') res.removeHeader(name);
    return refusal('upstream-unreachable', `The ${call.fn} function answered something unusable.`);
  }
}

function writeUpstreamResponse(res: ServerResponse, method: string, response: UpstreamResponse): void {
  const headers = downstreamHeaders(response.headers);
  const bodyless = response.status === 204 || response.status === 304 || response.status < 200;
  const announced = response.headers['content-length'];
  // A HEAD answer has no body but says how long the GET's would be: keep the function's length.
  if (method === 'HEAD' && typeof announced === 'string') headers['content-length'] = announced;
  else if (!bodyless) headers['content-length'] = String(response.body.length);
  res.writeHead(response.status, headers);
  res.end(bodyless ? undefined : response.body);
}
