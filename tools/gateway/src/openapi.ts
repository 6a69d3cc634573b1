/**
 * `GET /_gateway/openapi.json`: one OpenAPI 3.1 document for everything behind the gateway.
 *
 * Each function's document is fetched from its instances (`GET /_runtime/openapi.json` through its
 * upstream, a `FunctionPool` or a URL), not read from a file its build writes: it is then the
 * document of the code that actually answers, for pooled and URL upstreams alike, and a function
 * that is not running or not built is simply missing. Missing functions are listed in
 * `x-missing-functions` instead of failing the document.
 */
import { randomUUID } from 'node:crypto';
import { errorMessage } from './respond.js';
import { GATEWAY_SCHEMAS, SECURITY_SCHEME, SECURITY_SCHEMES } from './openapi-gateway.js';
import { gatewayPaths } from './openapi-gateway-paths.js';
import { functionsPaths } from './openapi-functions-paths.js';
import { observePaths } from './openapi-observe-paths.js';
import { mergeFunctionDocument, type MergedParts, type MergeRules } from './openapi-merge.js';
import type { Upstream } from './upstream.js';

type Json = { [key: string]: unknown };

/** The path each function instance serves its own document at (@retail/runtime's custom runtime). */
export const FUNCTION_OPENAPI_PATH = '/_runtime/openapi.json';

export interface OpenApiSources extends MergeRules {
  /** Function name → upstream; a function of the routes table without one is missing. */
  upstreams: ReadonlyMap<string, Upstream>;
  /** How long one function may take to answer (a cold start included). Default 10 s. */
  timeoutMs?: number;
}

/** A function left out of the document, and why. */
export interface MissingFunction {
  function: string;
  reason: string;
}

/**
 * Builds the merged document: every function's reachable paths, the gateway's own endpoints, the
 * signature security scheme and the gateway's refusals on every function operation.
 *
 * @example
 * const document = await gatewayOpenApi({ routes: ROUTES, adminRules: ADMIN_RULES, upstreams });
 * document['x-missing-functions']; // [{ function: 'stores', reason: 'not running here' }]
 */
export async function gatewayOpenApi(sources: OpenApiSources): Promise<Json> {
  const names = [...new Set(sources.routes.map((route) => route.function))];
  const fetched = await Promise.all(names.map(async (name) => [name, await functionDocument(name, sources)] as const));
  const parts: MergedParts = { paths: {}, components: { schemas: { ...GATEWAY_SCHEMAS }, securitySchemes: SECURITY_SCHEMES } };
  const missing: MissingFunction[] = [];
  const tags = [{ name: 'gateway', description: 'The API gateway itself.' }];
  for (const [name, result] of fetched) {
    if ('reason' in result) {
      missing.push({ function: name, reason: result.reason });
      continue;
    }
    mergeFunctionDocument(parts, name, result.document, sources);
    tags.push({ name, description: `The ${name} function.` });
  }
  for (const [path, item] of Object.entries({ ...gatewayPaths(), ...observePaths(), ...functionsPaths() }))
    parts.paths[path] = item;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Retail API',
      version: '1.0.0',
      description:
        'Every function behind the API gateway, generated from their controllers and DTOs. ' +
        'Requests are signed by a channel app (see the `channelSignature` scheme); errors are RFC 9457 problem details.',
    },
    tags,
    security: [{ [SECURITY_SCHEME]: [] }],
    paths: Object.fromEntries(Object.entries(parts.paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    components: parts.components,
    'x-missing-functions': missing,
  };
}

async function functionDocument(name: string, sources: OpenApiSources): Promise<{ document: Json } | { reason: string }> {
  const upstream = sources.upstreams.get(name);
  if (!upstream) return { reason: 'not running here (no upstream configured)' };
  try {
    const response = await upstream.forward({
      method: 'GET',
      path: FUNCTION_OPENAPI_PATH,
      headers: { accept: 'application/json' },
      body: Buffer.alloc(0),
      requestId: randomUUID(),
      signal: AbortSignal.timeout(sources.timeoutMs ?? 10_000),
    });
    if (response.status !== 200) return { reason: `${FUNCTION_OPENAPI_PATH} answered ${response.status}` };
    const document = JSON.parse(response.body.toString('utf8')) as Json;
    if (typeof document !== 'object' || document === null || typeof document.paths !== 'object') {
      return { reason: `${FUNCTION_OPENAPI_PATH} is not an OpenAPI document` };
    }
    return { document };
  } catch (error) {
    return { reason: `not reachable: ${errorMessage(error)}` };
  }
}
