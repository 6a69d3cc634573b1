import { newId, NotFoundError, ValidationError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/index.js';
import { storeInput } from '../support/stores.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let store: Store;
beforeAll(async () => {
  env = await startTestEnv();
  store = await env.stores.create(storeInput({ lat: 31.2304, lng: 121.4737 }));
});
afterAll(() => env.stop());

const fieldsOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => p.field).sort();
};

describe('putInventory', () => {
  it('creates the row with held, sold and flash-sale counters at 0', async () => {
    const item = await env.stores.putInventory(store.id, 'COLA-330', { name: '可乐 330ml', price: 350, quantity: 120 });
    expect(item).toEqual({ storeId: store.id, sku: 'COLA-330', name: '可乐 330ml', price: 350, available: 120 });
    expect(await env.tables.inventory.get({ storeId: store.id, sku: 'COLA-330' })).toEqual({
      storeId: store.id,
      sku: 'COLA-330',
      name: '可乐 330ml',
      price: 350,
      available: 120,
      held: 0,
      sold: 0,
      flashAllotted: 0,
      updatedAt: env.clock.now(),
    });
  });

  it('a restock sets name, price and available, and leaves every other column of the row alone', async () => {
    await env.stores.putInventory(store.id, 'TEA-500', { name: '茶', price: 400, quantity: 10 });
    // What orders and flash sales keep in the row: counters and their h_ markers.
    await env.tables.inventory.update(
      { storeId: store.id, sku: 'TEA-500' },
      { set: { held: 3, sold: 2, flashAllotted: 1, h_ord_1: 3 } },
      { condition: { row: 'exists' } },
    );
    env.clock.advance(60_000);
    const item = await env.stores.putInventory(store.id, 'TEA-500', { name: '绿茶 500ml', price: 450, quantity: 50 });
    expect(item).toEqual({ storeId: store.id, sku: 'TEA-500', name: '绿茶 500ml', price: 450, available: 50 });
    expect(await env.tables.inventory.get({ storeId: store.id, sku: 'TEA-500' })).toMatchObject({
      available: 50,
      held: 3,
      sold: 2,
      flashAllotted: 1,
      h_ord_1: 3,
      updatedAt: env.clock.now(),
    });
    // Reads name their columns: the markers never reach a caller.
    expect(await env.stores.getInventory(store.id, 'TEA-500')).toEqual(item);
    expect((await env.stores.listInventory(store.id)).items.find((i) => i.sku === 'TEA-500')).toEqual(item);
  });

  it('10 concurrent first puts of one sku: one row, counters at 0, the value of one of them', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => env.stores.putInventory(store.id, 'RACE-1', { name: `n${i}`, price: i, quantity: i })),
    );
    expect(results).toHaveLength(10);
    const row = await env.tables.inventory.get({ storeId: store.id, sku: 'RACE-1' });
    expect(row).toMatchObject({ held: 0, sold: 0, flashAllotted: 0 });
    expect(row?.available).toBe(row?.price);
  });

  it('refuses an unknown or malformed store with not-found, and writes nothing', async () => {
    const ghost = newId('sto');
    await expect(env.stores.putInventory(ghost, 'A1', { name: 'a', price: 1, quantity: 1 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(env.stores.putInventory('sto_x', 'A1', { name: 'a', price: 1, quantity: 1 })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(await env.tables.inventory.get({ storeId: ghost, sku: 'A1' })).toBeUndefined();
  });

  it('names every bad field and writes nothing', async () => {
    expect(await fieldsOf(env.stores.putInventory(store.id, '-bad', { name: '', price: 1.5, quantity: -1 }))).toEqual([
      'name',
      'price',
      'quantity',
      'sku',
    ]);
    expect(
      await fieldsOf(env.stores.putInventory(store.id, 'x'.repeat(65), { name: 'a', price: 1e9 + 1, quantity: 1e9 + 1 })),
    ).toEqual(['price', 'quantity', 'sku']);
    await expect(env.stores.getInventory(store.id, '-bad')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('getInventory and listInventory', () => {
  it('answers not-found for an unknown sku, store, or malformed id', async () => {
    await expect(env.stores.getInventory(store.id, 'NONE')).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.stores.getInventory(newId('sto'), 'COLA-330')).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.stores.getInventory('nope', 'COLA-330')).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.stores.listInventory(newId('sto'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.stores.listInventory('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists a store in sku order across pages; an empty store lists nothing', async () => {
    const other = await env.stores.create(storeInput({ lat: 30, lng: 120 }));
    const skus = ['b-2', 'A1', 'a1', 'Z_9', '0-first', 'm'];
    for (const sku of skus) await env.stores.putInventory(other.id, sku, { name: sku, price: 100, quantity: 5 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await env.stores.listInventory(other.id, { limit: 4, cursor });
      seen.push(...page.items.map((i) => i.sku));
      expect(page.items.every((i) => i.storeId === other.id)).toBe(true);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...skus].sort());
    const empty = await env.stores.create(storeInput({ lat: 30, lng: 121 }));
    expect(await env.stores.listInventory(empty.id)).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a bad limit or cursor by name', async () => {
    expect(await fieldsOf(env.stores.listInventory(store.id, { limit: 101, cursor: 'zz' }))).toEqual(['cursor', 'limit']);
    const storeCursor = (await env.stores.search({ limit: 1 })).nextCursor;
    expect(await fieldsOf(env.stores.listInventory(store.id, { cursor: storeCursor }))).toEqual(['cursor']);
  });
});
