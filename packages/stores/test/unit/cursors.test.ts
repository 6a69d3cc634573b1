import { describe, expect, it } from 'vitest';
import {
  decodeNearCursor,
  decodeSkuCursor,
  decodeStoreCursor,
  encodeNearCursor,
  encodeSkuCursor,
  encodeStoreCursor,
} from '../../src/cursors.js';
import { facetFor, facetsOf } from '../../src/facets.js';

const ID = 'sto_01j9z3k5q8x7v2w4t6y8r0p2n4';

describe('cursors', () => {
  it('round-trip their position', () => {
    expect(decodeStoreCursor(encodeStoreCursor(ID))).toBe(ID);
    expect(decodeSkuCursor(encodeSkuCursor('A-1'))).toBe('A-1');
    const at = { distanceKm: 1.2345678901234567, storeId: ID };
    expect(decodeNearCursor(encodeNearCursor(at))).toEqual(at);
  });

  it('refuse another list kind, tampering and garbage', () => {
    expect(decodeStoreCursor(encodeSkuCursor('A-1'))).toBeNull();
    expect(decodeNearCursor(encodeStoreCursor(ID))).toBeNull();
    expect(decodeSkuCursor(encodeSkuCursor('A-1') + 'A')).toBeNull();
    expect(decodeStoreCursor(encodeStoreCursor('sto_short'))).toBeNull();
    expect(decodeSkuCursor(encodeSkuCursor('-bad'))).toBeNull();
    expect(decodeNearCursor(encodeNearCursor({ distanceKm: -1, storeId: ID }))).toBeNull();
    for (const junk of ['', '!!', 'e30', 'bnVsbA', 'x'.repeat(600), 42]) {
      expect(decodeStoreCursor(junk)).toBeNull();
      expect(decodeNearCursor(junk)).toBeNull();
      expect(decodeSkuCursor(junk)).toBeNull();
    }
  });
});

describe('facets', () => {
  it('give each filter its own key, whatever the city is called', () => {
    expect(facetsOf({ city: '上海', format: 'convenience' })).toEqual(['c:上海', 'f:convenience', 'cf:convenience:上海']);
    expect(facetFor({ city: 'a:b' })).toBe('c:a:b');
    expect(facetFor({ format: 'hypermarket' })).toBe('f:hypermarket');
    expect(facetFor({ city: 'x', format: 'hypermarket' })).toBe('cf:hypermarket:x');
    expect(facetFor({})).toBeUndefined();
  });
});
