import { ConflictError, NotFoundError, ValidationError, isId, newId } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberService } from '../../src/index.js';
import { expectLedgerConsistent } from '../support/ledger.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let members: MemberService;
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
});
afterAll(() => env.stop());

const register = (): Promise<Member> => members.register({ phone: freshPhone(), name: 'Points', channel: 'app' });

describe('changePoints', () => {
  it('earns and spends, returning the balance and the entry id', async () => {
    const m = await register();
    const earned = await members.changePoints(m.id, { delta: 300, reason: 'order paid' });
    expect(earned).toEqual({ balance: 300, entryId: earned.entryId, replayed: false });
    expect(isId('pts', earned.entryId)).toBe(true);
    const spent = await members.changePoints(m.id, { delta: -120, reason: 'redeemed' });
    expect(spent.balance).toBe(180);
    expect(await members.get(m.id)).toMatchObject({ points: 180, lifetimePoints: 300, level: 'regular' });
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('refuses a balance below zero with insufficient-points and changes nothing', async () => {
    const m = await register();
    await members.changePoints(m.id, { delta: 50, reason: 'welcome' });
    const err = await members.changePoints(m.id, { delta: -51, reason: 'too much' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ code: 'insufficient-points' });
    expect(await members.changePoints(m.id, { delta: -50, reason: 'all of it' })).toMatchObject({ balance: 0 });
    await expect(members.changePoints(m.id, { delta: -1, reason: 'nothing left' })).rejects.toMatchObject({
      code: 'insufficient-points',
    });
    expect((await members.listPoints(m.id, { limit: 10 })).items.map((e) => e.delta)).toEqual([-50, 50]);
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('levels follow lifetime points and spending never lowers them', async () => {
    const m = await register();
    const level = async () => (await members.get(m.id)).level;
    await members.changePoints(m.id, { delta: 999, reason: 'a' });
    expect(await level()).toBe('regular');
    await members.changePoints(m.id, { delta: 1, reason: 'b' });
    expect(await level()).toBe('silver');
    await members.changePoints(m.id, { delta: -1000, reason: 'spend all' });
    expect(await members.get(m.id)).toMatchObject({ points: 0, lifetimePoints: 1000, level: 'silver' });
    await members.changePoints(m.id, { delta: 4000, reason: 'c' });
    expect(await level()).toBe('gold');
    await members.changePoints(m.id, { delta: 15_000, reason: 'd' });
    expect(await members.get(m.id)).toMatchObject({ points: 19_000, lifetimePoints: 20_000, level: 'platinum' });
  });

  it('an unknown member is not-found; bad input is validation-failed; neither writes anything', async () => {
    await expect(members.changePoints(newId('mem'), { delta: 1, reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(members.changePoints('mem_bad', { delta: 1, reason: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    const m = await register();
    await expect(members.changePoints(m.id, { delta: 0, reason: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(members.changePoints(m.id, { delta: 1.5, reason: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(members.changePoints(m.id, { delta: 1, reason: '' })).rejects.toBeInstanceOf(ValidationError);
    expect((await members.listPoints(m.id, { limit: 5 })).items).toEqual([]);
  });
});

describe('listPoints', () => {
  it('pages newest first through every entry, with null at the end', async () => {
    const m = await register();
    const deltas = Array.from({ length: 45 }, (_, i) => (i % 3 === 2 ? -5 : 10 + i));
    for (const [i, delta] of deltas.entries()) {
      env.clock.advance(1000);
      await members.changePoints(m.id, { delta, reason: `r${i}` });
    }
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await members.listPoints(m.id, { limit: 20, cursor });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
    const items = pages.flat();
    expect(items.map((e) => e.reason)).toEqual(deltas.map((_, i) => `r${i}`).reverse());
    expect(items.map((e) => e.delta)).toEqual([...deltas].reverse());
    expect(items[0]).toMatchObject({ balance: (await members.get(m.id)).points });
    expect(items.reduce((sum, e) => sum + e.delta, 0)).toBe((await members.get(m.id)).points);
    expect(Date.parse(items[0]!.at)).toBeGreaterThan(Date.parse(items[1]!.at));
    expect(items[0]).toEqual({
      id: items[0]!.id,
      delta: items[0]!.delta,
      reason: 'r44',
      balance: items[0]!.balance,
      at: items[0]!.at,
    });
  });

  it('a page that ends exactly at the oldest entry has nextCursor null', async () => {
    const m = await register();
    for (let i = 0; i < 4; i++) await members.changePoints(m.id, { delta: 1, reason: `r${i}` });
    const first = await members.listPoints(m.id, { limit: 2 });
    const second = await members.listPoints(m.id, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.reason)).toEqual(['r1', 'r0']);
    expect(second.nextCursor).toBeNull();
    expect((await members.listPoints(m.id, { limit: 4 })).nextCursor).toBeNull();
  });

  it('refuses a bad limit or cursor, and an unknown member', async () => {
    const m = await register();
    await expect(members.listPoints(m.id, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(members.listPoints(m.id, { limit: 101 })).rejects.toBeInstanceOf(ValidationError);
    const err = await members.listPoints(m.id, { limit: 5, cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems).toEqual([{ field: 'cursor', messages: ['is not a cursor of this list'] }]);
    await expect(members.listPoints(newId('mem'), { limit: 5 })).rejects.toBeInstanceOf(NotFoundError);
  });
});
