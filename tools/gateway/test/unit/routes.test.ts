import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_RULES, GatewayConfigError, isAdminOnly, matchRoute, ROUTES } from '../../src/index.js';
import { isSafePath, loadRoutes } from '../../src/routes.js';

const APPS = join(import.meta.dirname, '..', '..', '..', '..', 'apps');

describe('routes table', () => {
  it("is API.md's ingress table, read from the apps' package.json", () => {
    const table = Object.fromEntries(ROUTES.map((route) => [route.prefix, route.function]));
    expect(table).toMatchObject({
      '/members': 'member',
      '/stores': 'stores',
      '/coupon-campaigns': 'coupons',
      '/coupons': 'coupons',
      '/orders': 'trading',
      '/flash-sales': 'trading',
    });
  });

  it('routes every function that has an s.yaml, under its folder name', () => {
    const functions = readdirSync(APPS).filter((name) => readdirSync(join(APPS, name)).includes('s.yaml'));
    expect([...new Set(ROUTES.map((route) => route.function))].sort()).toEqual(functions.sort());
  });

  it('matches whole prefixes only', () => {
    expect(matchRoute(ROUTES, '/members')?.function).toBe('member');
    expect(matchRoute(ROUTES, '/members/m1/points')?.function).toBe('member');
    expect(matchRoute(ROUTES, '/coupon-campaigns/c1/claims')?.function).toBe('coupons');
    expect(matchRoute(ROUTES, '/coupons')?.function).toBe('coupons');
    expect(matchRoute(ROUTES, '/flash-sales/f1/orders')?.function).toBe('trading');
    expect(matchRoute(ROUTES, '/membership')).toBeUndefined();
    expect(matchRoute(ROUTES, '/Members')).toBeUndefined();
    expect(matchRoute(ROUTES, '/')).toBeUndefined();
  });
});

describe('admin rules', () => {
  const admin: Array<[string, string]> = [
    ['POST', '/stores'],
    ['PUT', '/stores/s1'],
    ['PUT', '/stores/s1/inventory/sku1'],
    ['DELETE', '/stores/s1/inventory/sku1'],
    ['POST', '/stores/'],
    ['POST', '/coupon-campaigns'],
    ['PUT', '/coupon-campaigns/c1'],
    ['POST', '/flash-sales'],
    ['PATCH', '/flash-sales/f1'],
    ['GET', '/_gateway/channels'],
    ['PUT', '/_gateway/channels/web/throttle'],
  ];
  const open: Array<[string, string]> = [
    ['GET', '/stores'],
    ['GET', '/stores/s1/inventory/sku1'],
    ['POST', '/coupon-campaigns/c1/claims'],
    ['GET', '/coupon-campaigns/c1'],
    ['POST', '/flash-sales/f1/orders'],
    ['POST', '/orders'],
    ['POST', '/orders/o1/payment'],
    ['POST', '/members'],
    ['PUT', '/members/m1'],
    ['GET', '/_gateway/health'],
  ];
  it.each(admin)('%s %s is admin-only', (method, path) => expect(isAdminOnly(ADMIN_RULES, method, path)).toBe(true));
  it.each(open)('%s %s is open to every channel', (method, path) => expect(isAdminOnly(ADMIN_RULES, method, path)).toBe(false));
});

describe('safe paths', () => {
  it('refuses dot segments, encoded slashes and bad escapes', () => {
    expect(isSafePath('/members/m1')).toBe(true);
    expect(isSafePath('/members/a%20b')).toBe(true);
    for (const path of ['/members/..', '/members/./x', '/members/%2E%2e', '/a%2fb', '/a%5Cb', '/a/%E4', 'members', '*']) {
      expect(isSafePath(path), path).toBe(false);
    }
  });
});

describe('routes declared by apps', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** An apps folder with one package.json per app, holding `retail` as given. */
  function appsWith(apps: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-routes-'));
    dirs.push(dir);
    for (const [name, retail] of Object.entries(apps)) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'package.json'), JSON.stringify({ name: `@x/${name}`, retail }));
    }
    return dir;
  }

  it('routes a new function by the prefix its package.json declares, and guards its admin routes', () => {
    const { routes, adminRules } = loadRoutes(
      appsWith({
        pricing: { function: 'pricing', routes: ['/prices'], adminRoutes: [{ methods: ['PUT'], path: '/prices/*' }] },
        tools: undefined,
      }),
    );
    expect(routes).toEqual([{ prefix: '/prices', function: 'pricing' }]);
    expect(isAdminOnly(adminRules, 'PUT', '/prices/sku1')).toBe(true);
    expect(isAdminOnly(adminRules, 'GET', '/prices/sku1')).toBe(false);
    expect(isAdminOnly(adminRules, 'GET', '/_gateway/channels')).toBe(true);
  });

  it('lets the longer prefix win whatever the order of the apps', () => {
    const { routes } = loadRoutes(
      appsWith({ a: { function: 'a', routes: ['/orders'] }, b: { function: 'b', routes: ['/orders/exports'] } }),
    );
    expect(matchRoute(routes, '/orders/exports/1')?.function).toBe('b');
    expect(matchRoute(routes, '/orders/o1')?.function).toBe('a');
  });

  it.each([
    ['no routes', { function: 'x', routes: [] }, /routes must list/],
    ['a prefix without a slash', { function: 'x', routes: ['prices'] }, /not a path prefix/],
    ["the gateway's own prefix", { function: 'x', routes: ['/_gateway'] }, /not a path prefix/],
    ['a bad function name', { function: 'X Y', routes: ['/x'] }, /function must be/],
    [
      "an admin rule outside the app's prefixes",
      { function: 'x', routes: ['/x'], adminRoutes: [{ methods: '*', path: '/y' }] },
      /not under/,
    ],
    ['a lower-case method', { function: 'x', routes: ['/x'], adminRoutes: [{ methods: ['post'], path: '/x' }] }, /HTTP methods/],
  ])('refuses %s, naming the file', (_case, retail, message) => {
    const dir = appsWith({ x: retail });
    expect(() => loadRoutes(dir)).toThrow(GatewayConfigError);
    expect(() => loadRoutes(dir)).toThrow(message);
    expect(() => loadRoutes(dir)).toThrow(join(dir, 'x', 'package.json'));
  });

  it('refuses a prefix two functions claim', () => {
    const dir = appsWith({ a: { function: 'a', routes: ['/x'] }, b: { function: 'b', routes: ['/x'] } });
    expect(() => loadRoutes(dir)).toThrow("/x is already the a function's");
  });
});
