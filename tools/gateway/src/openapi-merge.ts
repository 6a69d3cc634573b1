/**
 * Merging function OpenAPI documents into the gateway's: only the paths the routes table sends to
 * that function, components deduplicated (renamed `<function>.<Name>` when two differ), and the
 * gateway's refusals added to every operation.
 */
import { isDeepStrictEqual } from 'node:util';
import { signedRefusals, UPSTREAM_REFUSALS } from './openapi-gateway.js';
import { isAdminOnly, matchRoute, type AdminRule, type Route } from './routes.js';

type Json = { [key: string]: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The document being built: paths and components by kind. */
export interface MergedParts {
  paths: Record<string, Json>;
  components: Record<string, Record<string, unknown>>;
}

export interface MergeRules {
  routes: readonly Route[];
  adminRules: readonly AdminRule[];
}

/**
 * Adds one function's document to `into`. Returns the paths it left out because the routes table
 * does not send them to this function (a client could never reach them through the gateway).
 */
export function mergeFunctionDocument(into: MergedParts, fn: string, document: Json, rules: MergeRules): string[] {
  const renames = mergeComponents(into, fn, (document.components ?? {}) as Record<string, Record<string, unknown>>);
  const unreachable: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    if (matchRoute(rules.routes, path)?.function !== fn || into.paths[path] !== undefined) {
      unreachable.push(path);
      continue;
    }
    const merged: Json = {};
    for (const [key, value] of Object.entries(rewriteRefs(item, renames) as Json)) {
      merged[key] = METHODS.includes(key)
        ? withGatewayResponses(value as Json, isAdminOnly(rules.adminRules, key.toUpperCase(), path))
        : value;
    }
    into.paths[path] = merged;
  }
  return unreachable;
}

/** Copies components in; an equal one is shared, a different one with a taken name is renamed. */
function mergeComponents(
  into: MergedParts,
  fn: string,
  components: Record<string, Record<string, unknown>>,
): Map<string, string> {
  const renames = new Map<string, string>();
  for (const [kind, entries] of Object.entries(components)) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      const existing = into.components[kind]?.[name];
      if (existing !== undefined && !isDeepStrictEqual(existing, value))
        renames.set(`#/components/${kind}/${name}`, `#/components/${kind}/${fn}.${name}`);
    }
  }
  for (const [kind, entries] of Object.entries(components)) {
    const target = (into.components[kind] ??= {});
    for (const [name, value] of Object.entries(entries ?? {})) {
      const renamed = renames.has(`#/components/${kind}/${name}`) ? `${fn}.${name}` : name;
      target[renamed] = rewriteRefs(value, renames);
    }
  }
  return renames;
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (renames.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? (renames.get(inner) ?? inner) : rewriteRefs(inner, renames),
    ]),
  );
}

/**
 * An operation as seen through the gateway: signed, refused by the gateway in the ways API.md
 * lists. A status the function also answers documents both answers (`anyOf`).
 */
function withGatewayResponses(operation: Json, adminOnly: boolean): Json {
  const responses = { ...((operation.responses ?? {}) as Record<string, Json>) };
  for (const [status, refusal] of Object.entries({ ...signedRefusals(adminOnly), ...UPSTREAM_REFUSALS })) {
    responses[status] = responses[status] ? either(responses[status], refusal) : refusal;
  }
  return { ...operation, ...(adminOnly ? { 'x-admin-only': true } : {}), responses: sortByStatus(responses) };
}

function either(own: Json, gateway: Json): Json {
  const mediaType = 'application/problem+json';
  const ownContent = (own.content ?? {}) as Record<string, { schema?: unknown }>;
  const gatewaySchema = (gateway.content as Record<string, { schema: unknown }>)[mediaType]!.schema;
  const ownSchema = ownContent[mediaType]?.schema;
  return {
    ...own,
    description: `${String(own.description)} Or, from the gateway: ${String(gateway.description).replace(/^Gateway refusal: /, '')}`,
    headers: { ...((own.headers ?? {}) as Json), ...((gateway.headers ?? {}) as Json) },
    content: { ...ownContent, [mediaType]: { schema: ownSchema ? { anyOf: [ownSchema, gatewaySchema] } : gatewaySchema } },
  };
}

function sortByStatus(responses: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
