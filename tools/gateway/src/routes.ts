/**
 * The one routes table (API.md, Ingress): which function serves a path prefix, and which requests
 * only the admin channel may make. Both are data; the gateway only interprets them.
 */

/** A path prefix and the function that serves it. */
export interface Route {
  /** `/members`: matches `/members` and `/members/...`, never `/membership`. */
  prefix: string;
  /** The function's name, the key of its upstream (`member`). */
  function: string;
}

/** Paths under this prefix are the gateway's own endpoints. */
export const GATEWAY_PREFIX = '/_gateway';

/** The function routes of API.md. */
export const ROUTES: readonly Route[] = [
  { prefix: '/members', function: 'member' },
  { prefix: '/stores', function: 'stores' },
  { prefix: '/coupon-campaigns', function: 'coupons' },
  { prefix: '/coupons', function: 'coupons' },
  { prefix: '/orders', function: 'trading' },
  { prefix: '/flash-sales', function: 'trading' },
];

/**
 * A request only the admin channel may make: a method (or `*` for any) and a path pattern where
 * `*` is exactly one segment and a trailing `**` one or more further segments.
 */
export interface AdminRule {
  methods: readonly string[] | '*';
  path: string;
}

const CHANGE = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * "Only the admin channel may create or change stores, inventory, coupon campaigns, flash sales and
 * gateway settings" (API.md, Authorization). Claims (`POST /coupon-campaigns/{id}/claims`) and
 * flash-sale orders (`POST /flash-sales/{id}/orders`) stay open to every channel.
 */
export const ADMIN_RULES: readonly AdminRule[] = [
  // Stores and their inventory: every change, at any depth (POST /stores, PUT /stores/*/inventory/*).
  { methods: CHANGE, path: '/stores' },
  { methods: CHANGE, path: '/stores/**' },
  // Coupon campaigns: creating one, changing one.
  { methods: ['POST'], path: '/coupon-campaigns' },
  { methods: ['PUT', 'PATCH', 'DELETE'], path: '/coupon-campaigns/*' },
  // Flash sales: creating one, changing one.
  { methods: ['POST'], path: '/flash-sales' },
  { methods: ['PUT', 'PATCH', 'DELETE'], path: '/flash-sales/*' },
  // Gateway settings: reading them too.
  { methods: '*', path: `${GATEWAY_PREFIX}/channels` },
  { methods: '*', path: `${GATEWAY_PREFIX}/channels/**` },
];

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
