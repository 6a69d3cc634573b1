import { isId, newId, NotFoundError, ValidationError } from '@retail/core';
import { startFaultyProxy, type Fault, type FaultyProxy } from '@retail/ots-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindStoresTables, geohash, StoreService } from '../../src/index.js';
import { writeIndexRows } from '../../src/store-repository.js';
import { destination, storeInput } from '../support/stores.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.stop());

const fieldsOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => p.field).sort();
};

describe('create and get', () => {
  it('creates a store with a sto_ id and the clock time, and gets it back', async () => {
    const input = storeInput({ lat: 31.2304, lng: 121.4737 }, { name: '静安店', format: 'hypermarket' });
    const store = await env.stores.create(input);
    expect(isId('sto', store.id)).toBe(true);
    expect(store).toEqual({
      id: store.id,
      name: '静安店',
      format: 'hypermarket',
      city: '上海',
      address: '南京西路 1 号',
      location: { lat: 31.2304, lng: 121.4737 },
      opensAt: '07:00',
      closesAt: '23:00',
      createdAt: '2026-11-11T00:00:00.000Z',
    });
    expect(await env.stores.get(store.id)).toEqual(store);
    expect(await env.tables.geoCells.get({ cell: geohash(store.location), storeId: store.id })).toMatchObject({ city: '上海' });
  });

  it('keeps whole-number coordinates and the extremes', async () => {
    const store = await env.stores.create(storeInput({ lat: -90, lng: 180 }));
    expect((await env.stores.get(store.id)).location).toEqual({ lat: -90, lng: 180 });
  });

  it('names every bad field, the nested ones by path, and writes nothing', async () => {
    const bad = {
      name: ' ',
      format: 'kiosk',
      city: 'x'.repeat(33),
      address: '',
      location: { lat: 90.5, lng: -181 },
      opensAt: '24:00',
      closesAt: '7:00',
    } as never;
    expect(await fieldsOf(env.stores.create(bad))).toEqual([
      'address',
      'city',
      'closesAt',
      'format',
      'location.lat',
      'location.lng',
      'name',
      'opensAt',
    ]);
    expect(await env.stores.search({ city: 'x'.repeat(32) })).toMatchObject({ items: [] });
  });

  it('answers not-found for an unknown id and for a malformed one', async () => {
    await expect(env.stores.get(newId('sto'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.stores.get('sto_nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(env.stores.get('mem_01j9z3k5q8x7v2w4t6y8r0p2n4')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a create that dies after its index rows', () => {
  it('leaves rows that every read skips, and pages stay full', async () => {
    const center = { lat: 45.75, lng: 126.63 };
    const city = '哈尔滨';
    const made = [];
    for (let i = 0; i < 6; i++) {
      const at = destination(center, i * 60, 0.1 + i * 0.1);
      if (i % 2 === 1) {
        // The index rows of a create that never wrote its store row.
        const id = newId('sto', env.clock.now());
        await writeIndexRows(env.tables, {
          ...storeInput(at, { city }),
          id,
          lat: at.lat,
          lng: at.lng,
          createdAt: env.clock.now(),
        });
      } else {
        made.push(await env.stores.create(storeInput(at, { city })));
      }
    }
    const near = await env.stores.search({ near: center, radiusKm: 2, limit: 2 });
    expect(near.items.map((s) => s.id)).toEqual([made[0]!.id, made[1]!.id]);
    const rest = await env.stores.search({ near: center, radiusKm: 2, limit: 2, cursor: near.nextCursor });
    expect(rest.items.map((s) => s.id)).toEqual([made[2]!.id]);
    expect(rest.nextCursor).toBeNull();
    const listed = await env.stores.search({ city, limit: 2 });
    expect(listed.items.map((s) => s.id)).toEqual([made[0]!.id, made[1]!.id]);
    const listedRest = await env.stores.search({ city, limit: 2, cursor: listed.nextCursor });
    expect(listedRest.items.map((s) => s.id)).toEqual([made[2]!.id]);
    expect(listedRest.nextCursor).toBeNull();
  });
});

describe('a lost response', () => {
  let proxy: FaultyProxy;
  let decide: (operation: string, nth: number) => Fault = () => 'pass';
  beforeAll(async () => {
    proxy = await startFaultyProxy(env.config.endpoint, (op, nth) => decide(op, nth));
  });
  afterAll(() => proxy.stop());

  it('of the store row and of the listing rows: the create completes, once', async () => {
    decide = (op, nth) => ((op === 'PutRow' && nth === 2) || (op === 'BatchWriteRow' && nth === 1) ? 'drop-response' : 'pass');
    const client = env.newClient({ endpoint: proxy.endpoint, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const stores = new StoreService({ tables: bindStoresTables(client), clock: env.clock });
    const store = await stores.create(storeInput({ lat: 22.54, lng: 114.06 }, { city: '深圳', name: 'lost' }));
    expect(proxy.seen.get('PutRow')).toBe(3); // geo cell row, store row twice (the replay met our own row)
    expect(proxy.seen.get('BatchWriteRow')).toBe(2);
    expect(await env.stores.get(store.id)).toEqual(store);
    const listed = await env.stores.search({ city: '深圳' });
    expect(listed.items.map((s) => s.id)).toEqual([store.id]);
  });
});
