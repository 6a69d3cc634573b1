/**
 * The routes table (API.md, Ingress): which function serves a path prefix, and which requests only
 * the admin channel may make. Each function declares its own in its app's package.json, so a new
 * function (`pnpm new-function`) is routed with nothing else to edit:
 *
 * ```json
 * "retail": { "function": "stores", "routes": ["/stores"], "adminRoutes": [{ "methods": ["POST"], "path": "/stores" }] }
 * ```
 *
 * The gateway only interprets these tables.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayConfigError } from './errors.js';

/** A path prefix and the function that serves it. */
export interface Route {
  /** `/members`: matches `/members` and `/members/...`, never `/membership`. */
  prefix: string;
  /** The function's name, the key of its upstream (`member`). */
  function: string;
}

/**
 * A request only the admin channel may make: a method (or `*` for any) and a path pattern where
 * `*` is exactly one segment and a trailing `**` one or more further segments.
 */
export interface AdminRule {
  methods: readonly string[] | '*';
  path: string;
}

/** Paths under this prefix are the gateway's own endpoints. */
export const GATEWAY_PREFIX = '/_gateway';

/** Gateway settings are the admin channel's alone, reading them too. */
const GATEWAY_ADMIN_RULES: readonly AdminRule[] = [
  { methods: '*', path: `${GATEWAY_PREFIX}/channels` },
  { methods: '*', path: `${GATEWAY_PREFIX}/channels/**` },
  { methods: '*', path: `${GATEWAY_PREFIX}/functions/**` },
];

const PREFIX = /^(\/[a-z0-9][a-z0-9-]*)+$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The routes and admin rules of every app under `appsDir` whose package.json has a `retail` field,
 * plus the gateway's own admin rules. Longer prefixes come first, so the most specific one wins.
 * A malformed field, a prefix claimed twice, or an admin rule outside the app's own prefixes is a
 * {@link GatewayConfigError} naming the file.
 *
 * @example
 * const { routes, adminRules } = loadRoutes('/work/main/apps');
 * matchRoute(routes, '/members/mem_1')?.function; // 'member'
 */
export function loadRoutes(appsDir: string): { routes: Route[]; adminRules: AdminRule[] } {
  const routes: Route[] = [];
  const adminRules: AdminRule[] = [];
  for (const app of readdirSync(appsDir).sort()) {
    const file = join(appsDir, app, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = (JSON.parse(readFileSync(file, 'utf8')) as { retail?: unknown }).retail;
    if (manifest === undefined) continue;
    const fn = parseManifest(manifest, file);
    for (const prefix of fn.routes) {
      const taken = routes.find((route) => route.prefix === prefix);
      if (taken) throw new GatewayConfigError(`${file}: ${prefix} is already the ${taken.function} function's.`);
      routes.push({ prefix, function: fn.function });
    }
    adminRules.push(...fn.adminRoutes);
  }
  routes.sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
  return { routes, adminRules: [...adminRules, ...GATEWAY_ADMIN_RULES] };
}

function parseManifest(value: unknown, file: string): { function: string; routes: string[]; adminRoutes: AdminRule[] } {
  const bad = (what: string) => new GatewayConfigError(`${file}: retail.${what}`);
  if (typeof value !== 'object' || value === null) throw bad('must be an object');
  const { function: fn, routes, adminRoutes = [] } = value as Record<string, unknown>;
  if (typeof fn !== 'string' || !/^[a-z][a-z0-9-]*$/.test(fn)) throw bad('function must be a lower-case name');
  if (!Array.isArray(routes) || routes.length === 0) throw bad('routes must list at least one prefix');
  for (const prefix of routes) {
    if (typeof prefix !== 'string' || !PREFIX.test(prefix) || prefix.startsWith(GATEWAY_PREFIX))
      throw bad(`routes: '${String(prefix)}' is not a path prefix like /members`);
  }
  if (!Array.isArray(adminRoutes)) throw bad('adminRoutes must be a list');
  const rules = adminRoutes.map((rule: unknown): AdminRule => {
    const { methods, path } = (rule ?? {}) as Record<string, unknown>;
    const own = typeof path === 'string' && routes.some((prefix: string) => path === prefix || path.startsWith(`${prefix}/`));
    if (!own) throw bad(`adminRoutes: ${JSON.stringify(path)} is not under one of this function's routes`);
    if (methods === '*') return { methods, path };
    if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string' && METHODS.has(m)))
      throw bad(`adminRoutes: methods of ${path} must be '*' or HTTP methods in capitals`);
    return { methods: methods as string[], path };
  });
  return { function: fn, routes: routes as string[], adminRoutes: rules };
}

/** The apps folder of the workspace this module sits in (beside pnpm-workspace.yaml), if any. */
function workspaceApps(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return existsSync(join(dir, 'apps')) ? join(dir, 'apps') : undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const workspace = workspaceApps();
const declared = workspace ? loadRoutes(workspace) : { routes: [], adminRules: [...GATEWAY_ADMIN_RULES] };

/** The function routes the workspace's apps declare (API.md's table, and any function added since). */
export const ROUTES: readonly Route[] = declared.routes;

/**
 * "Only the admin channel may create or change stores, inventory, coupon campaigns, flash sales and
 * gateway settings" (API.md, Authorization): the apps' `adminRoutes`, then the gateway's own.
 */
export const ADMIN_RULES: readonly AdminRule[] = declared.adminRules;

/** The route whose prefix the path is, or starts with followed by `/`; undefined when none. */
export function matchRoute(routes: readonly Route[], path: string): Route | undefined {
  for (const route of routes) {
    if (path === route.prefix || path.startsWith(`${route.prefix}/`)) return route;
  }
  return undefined;
}

/** Whether a rule of `rules` makes this request admin-only. */
export function isAdminOnly(rules: readonly AdminRule[], method: string, path: string): boolean {
  const segments = path.split('/').slice(1);
  return rules.some(
    (rule) => (rule.methods === '*' || rule.methods.includes(method)) && matchSegments(rule.path.split('/').slice(1), segments),
  );
}

/**
 * Whether `pattern` (segments of a rule path) matches `segments` (of a request path).
 *
 * @example
 * matchSegments(['stores', '*', 'inventory', '*'], ['stores', 's1', 'inventory', 'sku9']) // true
 */
export function matchSegments(pattern: readonly string[], segments: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    if (part === '**') return segments.length > i;
    const segment = segments[i];
    if (segment === undefined) return false;
    if (part !== '*' && part !== segment) return false;
  }
  return segments.length === pattern.length;
}

/**
 * Whether a request path is one the gateway forwards: no `.`/`..` segments and no encoded `/` or `\`
 * in a segment (both could reach another route after the function decodes the path), and every
 * percent-escape well formed.
 */
export function isSafePath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  for (const segment of path.split('/').slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\\')) return false;
  }
  return true;
}
