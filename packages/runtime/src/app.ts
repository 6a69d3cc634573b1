import 'reflect-metadata';
import FindMyWay from 'find-my-way';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem } from './http/http-problem.js';
import { badKey, payloadHash, runIdempotent, type IdempotencyOptions } from './idempotency/run-idempotent.js';
import { problem, problemFor, problemResponse } from './http/problem.js';
import { hasBody, readBody } from './http/read-body.js';
import { JSON_TYPE, type RuntimeRequest, type RuntimeResponse } from './http/types.js';
import { accessLogger } from './observability/access-log.js';
import { createLogger, type Logger } from './observability/logger.js';
import { RouteMetrics } from './observability/metrics.js';
import { requestIdOf } from './observability/request-id.js';
import { argumentResolvers, resolveArguments } from './rest/arguments.js';
import { RequestContext } from './rest/context.js';
import { routesOf, type RouteDefinition } from './rest/routes.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** The function's name, on every log line and metric. */
  name: string;
  /** Controller instances (typescript-rest classes), built with their dependencies. */
  controllers: readonly object[];
  logger?: Logger;
  /** Required when a route is `@Idempotent()`. */
  idempotency?: IdempotencyOptions;
}

/** A function's HTTP application, independent of how requests arrive. */
export interface App {
  readonly name: string;
  readonly logger: Logger;
  readonly metrics: RouteMetrics;
  readonly routes: readonly RouteDefinition[];
  /** Serves one request; never throws. */
  handle(request: RuntimeRequest): Promise<RuntimeResponse>;
  /** The same app as a node:http request listener (custom runtime, tests, local gateway). */
  listener(request: IncomingMessage, response: ServerResponse): void;
}

type FoundRoute = FindMyWay.FindResult<FindMyWay.HTTPVersion.V1> | null;
type Outcome = RuntimeResponse | Promise<RuntimeResponse>;

function isThenable<T>(value: T | Promise<T> | unknown): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

interface RouteEntry {
  route: RouteDefinition;
  pattern: string;
  resolvers: ReturnType<typeof argumentResolvers>;
  invoke: (...args: unknown[]) => unknown;
}

let coldStart = true;

/**
 * Builds a function's app from its typescript-rest controllers: routes are read once from the
 * decorators and served by find-my-way; no Express underneath.
 *
 * @example
 * const app = createApp({ name: 'member', controllers: [new MemberController(members)] });
 * createServer(app.listener).listen(9000);
 */
export function createApp(options: AppOptions): App {
  const logger = options.logger ?? createLogger({ functionName: options.name });
  const metrics = new RouteMetrics(options.name);
  const logAccess = accessLogger(logger, options.name);
  const routes = routesOf(options.controllers);
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  if (routes.some((route) => route.idempotent) && !options.idempotency) {
    throw new Error(`${options.name}: a route is @Idempotent() but createApp() got no idempotency store.`);
  }
  for (const route of routes) {
    const method = (route.controller as Record<string, (...args: unknown[]) => unknown>)[route.handlerName]!;
    const entry: RouteEntry = {
      route,
      pattern: route.path,
      resolvers: argumentResolvers(route),
      invoke: method.bind(route.controller),
    };
    router.on(route.method as FindMyWay.HTTPMethod, route.path, () => undefined, entry);
  }

  /** Runs the route; synchronous results stay synchronous (no promise per request when none is needed). */
  function execute(request: RuntimeRequest, found: FoundRoute, requestId: string, channel: string | undefined): Outcome {
    const entry = found?.store as RouteEntry | undefined;
    try {
      if (!entry) throw new HttpProblem(problem(404, 'not-found', `No route for ${request.method} ${request.path}.`));
      const context = new RequestContext(request, requestId, channel, logger);
      const result = entry.invoke(...resolveArguments(entry.resolvers, { params: found!.params, context }));
      if (!isThenable(result)) return toResponse(result);
      return (result as Promise<unknown>).then(toResponse, (error: unknown) =>
        errorResponse(error, logger, requestId, entry.pattern),
      );
    } catch (error) {
      return errorResponse(error, logger, requestId, entry?.pattern);
    }
  }

  function handle(request: RuntimeRequest): Promise<RuntimeResponse> {
    const started = performance.now();
    const requestId = requestIdOf(request.headers, request.platformRequestId);
    const channel = request.headers['x-retail-channel'];
    const wasCold = coldStart;
    coldStart = false;
    if (wasCold) metrics.coldStarts++;
    const found = router.find(request.method as FindMyWay.HTTPMethod, request.path);
    const entry = found?.store as RouteEntry | undefined;
    const finish = (response: RuntimeResponse): RuntimeResponse => {
      response.headers['x-request-id'] = requestId;
      const seconds = (performance.now() - started) / 1000;
      const route = entry?.pattern ?? 'unmatched';
      metrics.observe(request.method, route, response.status, seconds);
      logAccess({
        requestId,
        method: request.method,
        route,
        status: response.status,
        latencyMs: Math.round(seconds * 1e5) / 100,
        channel,
        coldStart: wasCold,
      });
      return response;
    };
    const key = entry?.route.idempotent ? request.headers['idempotency-key'] : undefined;
    if (key === undefined) {
      const outcome = execute(request, found, requestId, channel);
      return isThenable(outcome) ? outcome.then(finish) : Promise.resolve(finish(outcome));
    }
    const refused = badKey(key);
    if (refused) return Promise.resolve(finish(refused));
    const scope = `${channel ?? '-'}|${options.name}`;
    return runIdempotent(options.idempotency!, scope, key, payloadHash(request), async () =>
      execute(request, found, requestId, channel),
    )
      .catch((error: unknown) => errorResponse(error, logger, requestId, entry?.pattern))
      .then(finish);
  }

  return {
    name: options.name,
    logger,
    metrics,
    routes,
    handle,
    listener: (req, res) => void serveNode(handle, req, res),
  };
}

interface NewResource {
  location: string;
  body: unknown;
  statusCode: number;
}

/** Return values as typescript-rest defines them: `undefined` is 204, `Return.NewResource` 201. */
function toResponse(result: unknown): RuntimeResponse {
  if (result === undefined) return { status: 204, headers: {}, body: '' };
  if (result && typeof result === 'object' && 'location' in result && 'statusCode' in result) {
    const created = result as NewResource;
    return {
      status: created.statusCode,
      headers: { 'content-type': JSON_TYPE, location: created.location },
      body: JSON.stringify(created.body),
    };
  }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(result) };
}

function errorResponse(error: unknown, logger: Logger, requestId: string, route: string | undefined): RuntimeResponse {
  if (error instanceof HttpProblem) return problemResponse(error.problem);
  const known = problemFor(error);
  if (known) return problemResponse(known);
  if (isRetryableStorageError(error)) {
    logger.warn({ requestId, route, err: error }, 'storage unavailable');
    return problemResponse(problem(503, 'storage-unavailable', 'Storage is busy; retry shortly.'), { 'retry-after': '1' });
  }
  // A defect: the caller learns only that it happened and which request to quote.
  logger.error({ requestId, route, err: error }, 'unhandled error');
  return problemResponse(problem(500, 'internal-error', `An unexpected error occurred. Quote request id ${requestId}.`));
}

async function serveNode(handle: App['handle'], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const headers = req.headers as Record<string, string | undefined>;
  let response: RuntimeResponse;
  try {
    const body = hasBody(req) ? await readBody(req, BODY_LIMIT_BYTES) : undefined;
    response = await handle({
      method: req.method ?? 'GET',
      path: mark === -1 ? url : url.slice(0, mark),
      query: mark === -1 ? '' : url.slice(mark + 1),
      headers,
      body,
    });
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    response = problemResponse(error.problem, { 'x-request-id': requestIdOf(headers) });
  }
  // A known length: no chunked framing, and one write for head and body.
  response.headers['content-length'] = String(Buffer.byteLength(response.body));
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** A @retail/tablestore error that says a retry may succeed (throttled, busy, timed out): 503. */
function isRetryableStorageError(error: unknown): boolean {
  return error instanceof Error && 'otsCode' in error && (error as { retryable?: unknown }).retryable === true;
}
