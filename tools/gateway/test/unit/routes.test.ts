import { describe, expect, it } from 'vitest';
import { ADMIN_RULES, isAdminOnly, matchRoute, ROUTES } from '../../src/index.js';
import { isSafePath } from '../../src/routes.js';

describe('routes table', () => {
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
