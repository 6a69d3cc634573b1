/**
 * The gateway as a request handler (no listening: see gateway.ts): routing, authentication, flow
 * control, authorization, then the function's upstream or the gateway's own endpoints.
 */
import { isDashboardPath, serveDashboard } from '@retail/dashboard';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identify, verify, type AuthSettings, type Caller } from './authenticate.js';
import { BodyTooLargeError, declaredTooLarge, readBody } from './body.js';
import type { ChannelApps } from './channels.js';
import { channelsApi, type JsonReply } from './channels-api.js';
import { forward } from './forward.js';
import { FUNCTIONS_ROUTE, functionsApi, isFunctionsPath } from './functions-api.js';
import type { Logger } from './log.js';
import { gatewayMetrics, MetricsRegistry } from './metrics.js';
import { gatewayOpenApi } from './openapi.js';
import { NonceCache } from './nonce-cache.js';
import { viewRoute, type AdminView } from './observe/admin-view.js';
import { observeViews } from './observe/observe-api.js';
import { createObservability, type Observability } from './observe/observability.js';
import { refusal, type ProblemResponse } from './problem.js';
import {
  ADMIN_RULES,
  GATEWAY_PREFIX,
  isAdminOnly,
  isSafePath,
  matchRoute,
  ROUTES,
  type AdminRule,
  type Route,
} from './routes.js';
import { ChannelThrottles } from './throttle.js';
import { errorMessage, sendJson, sendProblem as writeProblem, sendText } from './respond.js';
import { httpUpstream, type Upstream } from './upstream.js';

/** Options of {@link createGateway}. */
export interface GatewayAppOptions {
  /** Channel apps by channel name. */
  channels: ChannelApps;
  /** Prefix → function. Default: API.md's table ({@link ROUTES}). */
  routes?: readonly Route[];
  /** Requests only the admin channel may make. Default {@link ADMIN_RULES}. */
  adminRules?: readonly AdminRule[];
  /** The channel allowed through admin rules. Default `admin`. */
  adminChannel?: string;
  /** Function name → upstream, or the base URL of its HTTP server. A function without one answers 503. */
  upstreams?: Record<string, Upstream | string>;
  /** Structured log sink. */
  log: Logger;
  /** Largest request body. Default 1 MiB. */
  bodyLimit?: number;
  /** How far X-Ca-Timestamp may be from now, and how long nonces are remembered. Default 15 minutes. */
  timestampWindowMs?: number;
  /** Most nonces remembered at once (oldest dropped beyond). Default 1,000,000. */
  nonceCacheSize?: number;
  /** How long a function may take to answer. Default 30 s. */
  upstreamTimeoutMs?: number;
  /** How long the health check waits for each function. Default 500 ms. */
  healthTimeoutMs?: number;
  /** Where the metrics go; pass one to add series of your own. */
  metrics?: MetricsRegistry;
  /** The clock (epoch ms). */
  now?: () => number;
  /**
   * Outside dev, `/_gateway/logs`, `/series`, `/alarms` and `/dashboard` are admin-only; in dev
   * they also answer unsigned requests (a browser). Default false.
   */
  production?: boolean;
  /** Where logs, series and alarms are kept. Default: in memory, no alarm rules. */
  observe?: Observability;
}

/** The gateway's request handler and its run-time state. */
export interface GatewayApp {
  handle(req: IncomingMessage, res: ServerResponse): void;
  throttles: ChannelThrottles;
  metrics: MetricsRegistry;
  observe: Observability;
  /** Releases the upstreams the gateway created from URLs. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

/** What one request is labelled with in its log line and metrics. */
interface Outcome {
  channel: string;
  fn: string;
  route: string;
  code: string | undefined;
}

/**
 * Builds the gateway's request handler; `startGateway` listens with it.
 *
 * @example
 * const app = createGateway({ channels, upstreams: { member: 'http://127.0.0.1:9001' }, log: () => {} });
 * createServer(app.handle).listen(8080);
 */
export function createGateway(options: GatewayAppOptions): GatewayApp {
  const routes = options.routes ?? ROUTES;
  const adminRules = options.adminRules ?? ADMIN_RULES;
  const adminChannel = options.adminChannel ?? 'admin';
  const now = options.now ?? Date.now;
  const observe = options.observe ?? createObservability({ now });
  const log = observe.gatewayLog(options.log);
  const bodyLimit = options.bodyLimit ?? MiB;
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 30_000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 500;
  const timestampWindowMs = options.timestampWindowMs ?? 15 * 60_000;
  const registry = options.metrics ?? new MetricsRegistry();
  const metrics = gatewayMetrics(registry);
  const throttles = new ChannelThrottles(options.channels, now);
  const auth: AuthSettings = {
    byAppKey: new Map(Object.entries(options.channels).map(([channel, app]) => [app.appKey, { channel, app }])),
    nonces: new NonceCache(timestampWindowMs, options.nonceCacheSize ?? 1_000_000, now),
    timestampWindowMs,
    now,
  };
  const owned: Upstream[] = [];
  const upstreams = new Map<string, Upstream>();
  for (const [name, upstream] of Object.entries(options.upstreams ?? {})) {
    if (typeof upstream === 'string') {
      const created = httpUpstream(upstream);
      owned.push(created);
      upstreams.set(name, created);
    } else {
      upstreams.set(name, upstream);
    }
  }
  const functionNames = [...new Set(routes.map((route) => route.function))];
  observe.start(registry);
  /** The gateway's pages and data for operators: open in dev, admin-only otherwise. */
  const views: AdminView[] = [...observeViews(observe, now), { matches: isDashboardPath, serve: serveDashboard }];

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, outcome: Outcome): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const send = (problem: ProblemResponse) => sendProblem(res, problem, outcome);

    let route: Route | undefined;
    let view: AdminView | undefined;
    if (path === GATEWAY_PREFIX || path.startsWith(`${GATEWAY_PREFIX}/`)) {
      outcome.fn = 'gateway';
      if (method === 'GET' && path === `${GATEWAY_PREFIX}/health`) {
        outcome.route = path;
        return sendJson(res, 200, await health());
      }
      if (method === 'GET' && path === `${GATEWAY_PREFIX}/openapi.json`) {
        outcome.route = path;
        return sendJson(res, 200, await gatewayOpenApi({ routes, adminRules, upstreams }));
      }
      if (method === 'GET' && path === `${GATEWAY_PREFIX}/metrics`) {
        outcome.route = path;
        return sendText(res, 200, registry.render(), 'text/plain; version=0.0.4; charset=utf-8');
      }
      view = views.find((candidate) => candidate.matches(path));
      if (view) {
        outcome.route = viewRoute(path);
        if (!options.production) return view.serve(req, res);
      } else if (isFunctionsPath(path)) {
        outcome.route = FUNCTIONS_ROUTE;
      } else if (path !== `${GATEWAY_PREFIX}/channels` && !path.startsWith(`${GATEWAY_PREFIX}/channels/`)) {
        return send(refusal('not-found', `No gateway endpoint ${method} ${path}.`));
      } else {
        outcome.route = `${GATEWAY_PREFIX}/channels`;
      }
    } else {
      route = matchRoute(routes, path);
      if (!route) return send(refusal('not-found', `No function serves ${path}.`));
      outcome.fn = route.function;
      outcome.route = route.prefix;
    }
    if (!isSafePath(path)) return send(refusal('invalid-path', 'The path has a dot segment, an encoded slash or a bad escape.'));
    if (declaredTooLarge(req, bodyLimit)) return send(tooLarge(bodyLimit));

    const identified = identify(req.headers, auth);
    if ('status' in identified) return send(identified);
    const caller: Caller = identified;
    outcome.channel = caller.channel;

    let body: Buffer;
    try {
      body = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(tooLarge(bodyLimit));
      throw error;
    }
    const invalid = verify({ method, path, rawQuery, headers: req.headers, body }, caller, auth);
    if (invalid) return send(invalid);

    const admission = throttles.admit(caller.channel);
    if (!admission.admitted) {
      metrics.throttled.inc({ channel: caller.channel });
      return send(
        refusal(
          'throttled',
          `Channel app ${caller.channel} is over its request rate; retry after ${admission.retryAfterSeconds} s.`,
          {
            headers: { 'retry-after': String(admission.retryAfterSeconds) },
          },
        ),
      );
    }
    if (caller.channel !== adminChannel && (view !== undefined || isAdminOnly(adminRules, method, path))) {
      return send(refusal('unauthorized', `Only the ${adminChannel} channel may ${method} ${outcome.route}.`));
    }

    if (view) return view.serve(req, res);
    if (!route) {
      // Widened back: a conditional merges the two unions into JsonReply alone (a problem is one too).
      const reply = (
        isFunctionsPath(path) ? functionsApi(method, path, body, upstreams) : channelsApi(method, path, body, throttles)
      ) as JsonReply | ProblemResponse | undefined;
      if (!reply) return send(refusal('not-found', `No gateway endpoint ${method} ${path}.`));
      if ('headers' in reply) return send(reply);
      return sendJson(res, reply.status, reply.body);
    }
    const upstream = upstreams.get(route.function);
    if (!upstream) return send(refusal('function-unavailable', `The ${route.function} function is not running here.`));
    const failed = await forward(req, res, {
      fn: route.function,
      upstream,
      method,
      url,
      body,
      channel: caller.channel,
      requestId,
      timeoutMs: upstreamTimeoutMs,
      log,
    });
    if (failed) send(failed);
  }

  async function health(): Promise<{ status: string; functions: Record<string, 'ready' | 'down'> }> {
    const states = await Promise.all(
      functionNames.map(async (name) => {
        const upstream = upstreams.get(name);
        const ready = upstream ? await within(upstream.check(healthTimeoutMs), healthTimeoutMs + 100) : false;
        return [name, ready ? 'ready' : 'down'] as const;
      }),
    );
    return {
      status: states.every(([, state]) => state === 'ready') ? 'ok' : 'degraded',
      functions: Object.fromEntries(states),
    };
  }

  return {
    handle(req, res) {
      const started = performance.now();
      const requestId = randomUUID();
      const outcome: Outcome = { channel: 'anonymous', fn: 'none', route: 'none', code: undefined };
      res.setHeader('x-ca-request-id', requestId);
      res.setHeader('x-request-id', requestId);
      res.once('close', () => {
        const seconds = (performance.now() - started) / 1000;
        const status = res.writableFinished ? res.statusCode : 499;
        const labels = { function: outcome.fn, route: outcome.route, channel: outcome.channel };
        metrics.requests.inc({ ...labels, status: String(status) });
        metrics.duration.observe(labels, seconds);
        const latencyMs = Math.round(seconds * 100_000) / 100;
        observe.request({ ...labels, status, latencyMs, refused: outcome.code !== undefined });
        log({
          level: status >= 500 ? 'error' : 'info',
          event: 'request',
          requestId,
          channel: outcome.channel,
          method: req.method,
          route: outcome.route,
          function: outcome.fn,
          status,
          ...(outcome.code ? { code: outcome.code } : {}),
          latencyMs,
        });
      });
      handle(req, res, requestId, outcome).catch((error: unknown) => {
        log({ level: 'error', event: 'gateway-error', requestId, error: errorMessage(error) });
        if (!res.headersSent)
          sendProblem(res, refusal('internal-error', 'The gateway failed; see its log for this request id.'), outcome);
        else res.destroy();
      });
    },
    throttles,
    metrics: registry,
    observe,
    async close() {
      await Promise.all(owned.map((upstream) => upstream.close?.()));
      if (!options.observe) observe.close();
    },
  };
}

/** An upstream's health answer, or false when it fails or does not come in time. */
function within(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}

function tooLarge(limit: number): ProblemResponse {
  return refusal('payload-too-large', `The body is larger than ${limit} bytes.`);
}

function sendProblem(res: ServerResponse, problem: ProblemResponse, outcome: Outcome): void {
  outcome.code = problem.body.code;
  writeProblem(res, problem);
}
