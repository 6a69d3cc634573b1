import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdOf } from '../observability/request-id.js';
import { HttpProblem } from './http-problem.js';
import { problemResponse } from './problem.js';
import { hasBody, readBody } from './read-body.js';
import type { RuntimeRequest, RuntimeResponse } from './types.js';

/** Serves one request: synchronously when the route answered synchronously. Never throws. */
export type Dispatch = (request: RuntimeRequest) => RuntimeResponse | Promise<RuntimeResponse>;

/**
 * An app's dispatcher as a node:http request listener (custom runtime, tests, local gateway). No
 * promise stands between the socket and a synchronous route: the body arrives by callback and a
 * plain response is written at once.
 *
 * @example
 * createServer(nodeListener(dispatch, 1024 * 1024)).listen(9000);
 */
export function nodeListener(dispatch: Dispatch, limit: number): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!hasBody(req)) {
      respond(res, dispatch(requestOf(req, undefined)));
      return;
    }
    readBody(req, limit, (error, body) => {
      if (error === undefined) respond(res, dispatch(requestOf(req, body)));
      else if (error instanceof HttpProblem) {
        const headers = req.headers as Record<string, string | undefined>;
        send(res, problemResponse(error.problem, { 'x-request-id': requestIdOf(headers) }));
      }
      // Otherwise the client went away mid-body: there is no one to answer, and nothing ran.
    });
  };
}

function requestOf(req: IncomingMessage, body: Buffer | undefined): RuntimeRequest {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: mark === -1 ? url : url.slice(0, mark),
    query: mark === -1 ? '' : url.slice(mark + 1),
    headers: req.headers as Record<string, string | undefined>,
    body,
  };
}

function respond(res: ServerResponse, outcome: RuntimeResponse | Promise<RuntimeResponse>): void {
  if (typeof (outcome as Partial<Promise<RuntimeResponse>>).then === 'function') {
    void (outcome as Promise<RuntimeResponse>).then((response) => send(res, response));
  } else send(res, outcome as RuntimeResponse);
}

function send(res: ServerResponse, response: RuntimeResponse): void {
  // A known length: no chunked framing, and one write for head and body.
  response.headers['content-length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
