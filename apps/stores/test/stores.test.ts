import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const SHANGHAI = { lat: 31.2304, lng: 121.4737 };
const body = (overrides: Record<string, unknown> = {}) => ({
  name: '静安店',
  format: 'convenience',
  city: '上海',
  address: '南京西路 1 号',
  location: SHANGHAI,
  opensAt: '07:00',
  closesAt: '23:00',
  ...overrides,
});
const create = async (overrides: Record<string, unknown> = {}): Promise<Json> => {
  const res = await h.call('POST', '/stores', { body: body(overrides), channel: 'admin' });
  expect(res.status).toBe(201);
  return res.json;
};
const fields = (res: { json: Json }): string[] => res.json.errors.map((e: { field: string }) => e.field).sort();

describe('POST /stores', () => {
  it('creates a store and answers 201 with Location', async () => {
    const res = await h.call('POST', '/stores', { body: body(), channel: 'admin' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/stores/${res.json.id}`);
    expect(res.json).toEqual({ id: res.json.id, ...body(), createdAt: res.json.createdAt });
    expect(res.json.id).toMatch(/^sto_[0-9a-z]{26}$/);
    expect(new Date(res.json.createdAt).toISOString()).toBe(res.json.createdAt);
  });

  it('names every bad field, nested ones by path, and creates nothing', async () => {
    const res = await h.call('POST', '/stores', {
      body: body({ name: '', format: 'kiosk', city: 'x'.repeat(33), address: '', opensAt: '24:00', closesAt: '7:5' }),
    });
    expect([res.status, res.json.code]).toEqual([400, 'validation-failed']);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(fields(res)).toEqual(['address', 'city', 'closesAt', 'format', 'name', 'opensAt']);
    const nested = await h.call('POST', '/stores', { body: body({ location: { lat: 90.5, lng: '121' } }) });
    expect(fields(nested)).toEqual(['location.lat', 'location.lng']);
    const missing = await h.call('POST', '/stores', { body: body({ location: undefined }) });
    expect(fields(missing)).toEqual(['location']);
    expect((await h.call('GET', `/stores?city=${'x'.repeat(32)}`)).json.items).toEqual([]);
  });

  it('refuses unknown properties, also inside location', async () => {
    const res = await h.call('POST', '/stores', { body: body({ rating: 5, location: { ...SHANGHAI, alt: 3 } }) });
    expect([res.status, res.json.code]).toEqual([400, 'validation-failed']);
    expect(fields(res)).toEqual(['location.alt', 'rating']);
  });

  it('refuses malformed JSON and JSON that is not an object', async () => {
    expect((await h.call('POST', '/stores', { body: '{"name":' })).json.code).toBe('invalid-json');
    const array = await h.call('POST', '/stores', { body: '[]' });
    expect([array.status, array.json.code]).toEqual([400, 'validation-failed']);
  });

  it('honours Idempotency-Key: a retried create returns the first store', async () => {
    const headers = { 'idempotency-key': 'create-store-1' };
    const first = await h.call('POST', '/stores', { body: body({ name: 'once' }), channel: 'admin', headers });
    const again = await h.call('POST', '/stores', { body: body({ name: 'once' }), channel: 'admin', headers });
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('GET /stores/{id}', () => {
  it('gets a store; unknown and malformed ids are 404', async () => {
    const store = await create();
    expect((await h.call('GET', `/stores/${store.id}`)).json).toEqual(store);
    const unknown = await h.call('GET', '/stores/sto_01j9z3k5q8x7v2w4t6y8r0p2n4');
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not-found']);
    expect((await h.call('GET', `/stores/${'x'.repeat(300)}`)).status).toBe(404);
  });
});

describe('GET /stores', () => {
  it('with near: only stores within the radius, nearest first, with distanceKm, paged in distance order', async () => {
    const center = { lat: 39.9042, lng: 116.4074 };
    const at = (km: number) => ({ lat: center.lat + km / 111.195, lng: center.lng });
    const near = [0.5, 1.5, 2.5, 3.5].map((km) => at(km));
    const made = [];
    for (const [i, location] of near.entries())
      made.push(await create({ city: '北京', location, name: `B${i}`, format: i % 2 ? 'hypermarket' : 'convenience' }));
    await create({ city: '北京', location: at(7) }); // outside the default 5 km
    const first = await h.call('GET', `/stores?near=${center.lat},${center.lng}&limit=3`);
    expect(first.status).toBe(200);
    expect(first.json.items.map((s: Json) => s.id)).toEqual(made.slice(0, 3).map((s) => s.id));
    expect(first.json.items.map((s: Json) => s.distanceKm)).toEqual([0.5, 1.5, 2.5]);
    expect(first.json).not.toHaveProperty('rowsRead');
    const rest = await h.call('GET', `/stores?near=${center.lat},${center.lng}&limit=3&cursor=${first.json.nextCursor}`);
    expect(rest.json.items.map((s: Json) => s.id)).toEqual([made[3].id]);
    expect(rest.json.nextCursor).toBeNull();
    const wider = await h.call('GET', `/stores?near=${center.lat},${center.lng}&radiusKm=8&format=convenience`);
    expect(wider.json.items.map((s: Json) => s.distanceKm)).toEqual([0.5, 2.5, 7]);
    const inCity = await h.call('GET', `/stores?near=${center.lat},${center.lng}&radiusKm=2&city=${encodeURIComponent('北京')}`);
    expect(inCity.json.items).toHaveLength(2);
  });

  it('without near: by city and format in id order, paged', async () => {
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await create({ city: '杭州', format: 'boutique-supermarket', location: { lat: 30.27, lng: 120.15 + i / 100 } }));
    await create({ city: '杭州', format: 'hypermarket', location: { lat: 30.27, lng: 120.2 } });
    const page = await h.call('GET', `/stores?city=${encodeURIComponent('杭州')}&format=boutique-supermarket&limit=2`);
    expect(page.json.items.map((s: Json) => s.id)).toEqual([made[0].id, made[1].id]);
    expect(page.json.items[0]).not.toHaveProperty('distanceKm');
    const next = await h.call(
      'GET',
      `/stores?city=${encodeURIComponent('杭州')}&format=boutique-supermarket&limit=2&cursor=${page.json.nextCursor}`,
    );
    expect(next.json).toEqual({ items: [made[2]], nextCursor: null });
    expect((await h.call('GET', `/stores?city=${encodeURIComponent('杭州')}`)).json.items).toHaveLength(4);
    const all = await h.call('GET', '/stores?limit=100');
    expect(all.json.items.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad query values by name', async () => {
    const cases: [string, string[]][] = [
      ['format=kiosk', ['format']],
      ['near=abc', ['near']],
      ['near=91,0', ['near']],
      ['near=31.2,181', ['near']],
      ['near=31.2', ['near']],
      ['radiusKm=3', ['radiusKm']],
      ['near=31.2,121.4&radiusKm=0', ['radiusKm']],
      ['near=31.2,121.4&radiusKm=51', ['radiusKm']],
      ['near=31.2,121.4&radiusKm=five', ['radiusKm']],
      ['limit=0', ['limit']],
      ['limit=101', ['limit']],
      ['limit=2.5', ['limit']],
      ['cursor=nope', ['cursor']],
      ['city=', ['city']],
      ['size=3', ['size']],
    ];
    for (const [query, expected] of cases) {
      const res = await h.call('GET', `/stores?${query}`);
      expect([res.status, res.json.code], query).toEqual([400, 'validation-failed']);
      expect(fields(res), query).toEqual(expected);
    }
  });
});
