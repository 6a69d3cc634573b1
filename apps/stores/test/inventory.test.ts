import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './support/harness.js';

let h: Harness;
let store: Json;
beforeAll(async () => {
  h = await startHarness();
  store = (
    await h.call('POST', '/stores', {
      channel: 'admin',
      body: {
        name: '徐汇店',
        format: 'supermarket',
        city: '上海',
        address: '漕溪北路 1 号',
        location: { lat: 31.19, lng: 121.43 },
        opensAt: '08:00',
        closesAt: '22:00',
      },
    })
  ).json;
});
afterAll(() => h.stop());

const fields = (res: { json: Json }): string[] => res.json.errors.map((e: { field: string }) => e.field).sort();
const put = (sku: string, body: unknown, id = store.id) =>
  h.call('PUT', `/stores/${id}/inventory/${sku}`, { body, channel: 'admin' });

describe('PUT /stores/{id}/inventory/{sku}', () => {
  it('sets name, price and available, and answers the item', async () => {
    const res = await put('MILK-1L', { name: '牛奶 1L', price: 1280, quantity: 40 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ storeId: store.id, sku: 'MILK-1L', name: '牛奶 1L', price: 1280, available: 40 });
    const restock = await put('MILK-1L', { name: '牛奶 1L', price: 1180, quantity: 0 });
    expect(restock.json).toMatchObject({ price: 1180, available: 0 });
    expect((await h.call('GET', `/stores/${store.id}/inventory/MILK-1L`)).json).toEqual(restock.json);
  });

  it('names every bad field, the sku too, and refuses unknown properties', async () => {
    const res = await put('-bad', { name: '', price: -1, quantity: 1.5, discount: 3 });
    expect([res.status, res.json.code]).toEqual([400, 'validation-failed']);
    expect(fields(res)).toEqual(['discount', 'name', 'price', 'quantity']);
    const sku = await put('-bad', { name: 'ok', price: 1, quantity: 1 });
    expect([sku.status, fields(sku)]).toEqual([400, ['sku']]);
    expect(fields(await put('A1', { name: 'x', price: 1_000_000_001, quantity: 1_000_000_001 }))).toEqual(['price', 'quantity']);
    expect(fields(await put('A1', {}))).toEqual(['name', 'price', 'quantity']);
    expect((await h.call('GET', `/stores/${store.id}/inventory/A1`)).status).toBe(404);
  });

  it('answers 404 for an unknown or malformed store', async () => {
    const unknown = await put('A1', { name: 'a', price: 1, quantity: 1 }, 'sto_01j9z3k5q8x7v2w4t6y8r0p2n4');
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not-found']);
    expect((await put('A1', { name: 'a', price: 1, quantity: 1 }, 'nope')).status).toBe(404);
  });
});

describe('GET /stores/{id}/inventory[/{sku}]', () => {
  it('answers 404 for an unknown sku, an unknown store or a malformed one', async () => {
    expect((await h.call('GET', `/stores/${store.id}/inventory/NONE`)).json.code).toBe('not-found');
    expect((await h.call('GET', '/stores/sto_01j9z3k5q8x7v2w4t6y8r0p2n4/inventory/MILK-1L')).status).toBe(404);
    expect((await h.call('GET', '/stores/sto_01j9z3k5q8x7v2w4t6y8r0p2n4/inventory')).status).toBe(404);
    expect((await h.call('GET', '/stores/nope/inventory')).status).toBe(404);
  });

  it('lists a store in sku order, paged', async () => {
    for (const sku of ['EGG-10', 'BREAD', 'APPLE']) await put(sku, { name: sku, price: 500, quantity: 3 });
    const first = await h.call('GET', `/stores/${store.id}/inventory?limit=2`);
    expect(first.json.items.map((i: Json) => i.sku)).toEqual(['APPLE', 'BREAD']);
    const rest = await h.call('GET', `/stores/${store.id}/inventory?limit=2&cursor=${first.json.nextCursor}`);
    expect(rest.json.items.map((i: Json) => i.sku)).toEqual(['EGG-10', 'MILK-1L']);
    expect(rest.json.nextCursor).toBeNull();
    expect(rest.json.items[0]).toEqual({ storeId: store.id, sku: 'EGG-10', name: 'EGG-10', price: 500, available: 3 });
  });

  it('refuses a bad limit or cursor by name', async () => {
    const res = await h.call('GET', `/stores/${store.id}/inventory?limit=500&cursor=zzz`);
    expect([res.status, fields(res)]).toEqual([400, ['limit']]);
    expect(fields(await h.call('GET', `/stores/${store.id}/inventory?cursor=zzz`))).toEqual(['cursor']);
  });
});
