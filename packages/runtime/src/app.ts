import 'reflect-metadata';
import FindMyWay from 'find-my-way';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HttpProblem } from './http/http-problem.js';
import { nodeListener } from './http/node-listener.js';
import { badKey, payloadHash, runIdempotent, type IdempotencyOptions } from './idempotency/run-idempotent.js';
import type { IdempotentAttempt } from './idempotency/types.js';
import { problem } from './http/problem.js';
import type { RuntimeRequest, RuntimeResponse } from './http/types.js';
import { accessLogger, type AccessRoute } from './observability/access-log.js';
import { createLogger, type Logger } from './observability/logger.js';
import { RouteMetrics, type RouteSeries } from './observability/metrics.js';
import { requestIdOf } from './observability/request-id.js';
import { argumentResolvers, Invocation, resolveArguments } from './rest/arguments.js';
import { errorResponse, toResponse } from './rest/responses.js';
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

/** What the dispatcher keeps per route, built once: no per-request lookups by name. */
interface RouteEntry {
  route: RouteDefinition;
  pattern: string;
  resolvers: ReturnType<typeof argumentResolvers>;
  controller: object;
  invoke: (...args: unknown[]) => unknown;
  series: RouteSeries;
  access: AccessRoute;
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
  const access = accessLogger(logger, options.name);
  const routes = routesOf(options.controllers);
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true });
  if (routes.some((route) => route.idempotent) && !options.idempotency) {
    throw new Error(`${options.name}: a route is @Idempotent() but createApp() got no idempotency store.`);
  }
  const idempotency = options.idempotency && {
    onStoreError: (err: unknown) => logger.warn({ err }, 'idempotent response not stored; answered anyway'),
    ...options.idempotency,
  };
  for (const route of routes) {
    const method = (route.controller as Record<string, (...args: unknown[]) => unknown>)[route.handlerName]!;
    const entry: RouteEntry = {
      route,
      pattern: route.path,
      resolvers: argumentResolvers(route),
      controller: route.controller,
      invoke: method,
      series: metrics.series(route.method, route.path),
      access: access.route(route.method, route.path),
    };
    router.on(route.method as FindMyWay.HTTPMethod, route.path, () => undefined, entry);
  }

  /** Runs the route; synchronous results stay synchronous (no promise per request when none is needed). */
  function execute(
    request: RuntimeRequest,
    found: FoundRoute,
    requestId: string,
    channel: string | undefined,
    attempt?: IdempotentAttempt,
  ): Outcome {
    const entry = found?.store as RouteEntry | undefined;
    try {
      if (!entry) throw new HttpProblem(problem(404, 'not-found', `No route for ${request.method} ${request.path}.`));
      const invocation = new Invocation(request, found!.params, requestId, channel, logger, attempt);
      const result = entry.invoke.apply(entry.controller, resolveArguments(entry.resolvers, invocation));
      if (!isThenable(result)) return toResponse(result);
      return (result as Promise<unknown>).then(toResponse, (error: unknown) =>
        errorResponse(error, logger, requestId, entry.pattern),
      );
    } catch (error) {
      return errorResponse(error, logger, requestId, entry?.pattern);
    }
  }

  /** Stamps the request id on the response, counts it and writes its access line. */
  function finish(
    response: RuntimeResponse,
    method: string,
    entry: RouteEntry | undefined,
    requestId: string,
    channel: string | undefined,
    wasCold: boolean,
    started: number,
  ): RuntimeResponse {
    response.headers['x-request-id'] = requestId;
    const ended = performance.now();
    const seconds = (ended - started) / 1000;
    const status = response.status;
    if (entry) entry.series.observe(status, seconds);
    else metrics.observe(method, 'unmatched', status, seconds);
    access.write(entry ? entry.access : access.route(method, 'unmatched'), requestId, status, seconds, ended, channel, wasCold);
    return response;
  }

  function dispatch(request: RuntimeRequest): Outcome {
    const started = performance.now();
    const requestId = requestIdOf(request.headers, request.platformRequestId);
    const channel = request.headers['x-retail-channel'];
    const wasCold = coldStart;
    if (wasCold) {
      coldStart = false;
      metrics.coldStarts++;
    }
    const { method } = request;
    const found = router.find(method as FindMyWay.HTTPMethod, request.path);
    const entry = found?.store as RouteEntry | undefined;
    const key = entry?.route.idempotent ? request.headers['idempotency-key'] : undefined;
    let outcome: Outcome;
    if (key === undefined) outcome = execute(request, found, requestId, channel);
    else {
      const refused = badKey(key);
      const scope = `${channel ?? '-'}|${options.name}`;
      outcome =
        refused ??
        runIdempotent(idempotency!, scope, key, payloadHash(request), async (attempt) =>
          execute(request, found, requestId, channel, attempt),
        ).catch((error: unknown) => errorResponse(error, logger, requestId, entry?.pattern));
    }
    if (!isThenable(outcome)) return finish(outcome, method, entry, requestId, channel, wasCold, started);
    return outcome.then((response) => finish(response, method, entry, requestId, channel, wasCold, started));
  }

  return {
    name: options.name,
    logger,
    metrics,
    routes,
    handle: (request) => {
      const outcome = dispatch(request);
      return isThenable(outcome) ? outcome : Promise.resolve(outcome);
    },
    listener: nodeListener(dispatch, BODY_LIMIT_BYTES),
  };
}
