import { ConflictError, NotFoundError, ValidationError, isId, newId } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberService } from '../../src/index.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let members: MemberService;
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
});
afterAll(() => env.stop());

describe('register', () => {
  it('creates a member with 0 points at level regular, found by id and by phone', async () => {
    const phone = freshPhone();
    const m = await members.register({ phone, name: 'Li Lei', birthday: '1990-05-01', channel: 'wechat' });
    expect(isId('mem', m.id)).toBe(true);
    expect(m).toEqual({
      id: m.id,
      phone,
      name: 'Li Lei',
      birthday: '1990-05-01',
      level: 'regular',
      points: 0,
      lifetimePoints: 0,
      registeredChannel: 'wechat',
      createdAt: '2026-11-11T00:00:00.000Z',
    });
    expect(await members.get(m.id)).toEqual(m);
    expect(await members.findByPhone(phone)).toEqual(m);
  });

  it('a birthday left out is null', async () => {
    const m = await members.register({ phone: freshPhone(), name: 'Han Meimei', channel: 'pos' });
    expect(m.birthday).toBeNull();
    expect((await members.get(m.id)).birthday).toBeNull();
  });

  it('a phone already registered is phone-taken, from any channel; nothing else is written', async () => {
    const phone = freshPhone();
    const first = await members.register({ phone, name: 'A', channel: 'app' });
    const again = members.register({ phone, name: 'B', channel: 'web' });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ code: 'phone-taken', kind: 'conflict' });
    expect(await members.findByPhone(phone)).toEqual(first);
  });

  it('20 concurrent registrations of one phone, from 4 processes: exactly one member', async () => {
    const phone = freshPhone();
    const services = Array.from({ length: 4 }, () => env.service({ client: env.newClient() }));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => services[i % 4]!.register({ phone, name: `N${i}`, channel: 'app' })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'phone-taken' });
    const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
    expect((await members.findByPhone(phone)).id).toBe(winner.id);
  });

  it('refuses domain-invalid input, naming the fields', async () => {
    const err = await members
      .register({ phone: '12345', name: '', birthday: '2030-01-01', channel: 'app' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p) => p.field).sort()).toEqual(['birthday', 'name', 'phone']);
  });
});

describe('get and findByPhone', () => {
  it('an unknown or malformed id is not-found', async () => {
    for (const id of [newId('mem'), 'mem_nope', newId('ord'), '']) {
      const err = await members.get(id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err).toMatchObject({ code: 'not-found', resource: 'member' });
    }
  });

  it('an unregistered phone is not-found', async () => {
    await expect(members.findByPhone(freshPhone())).rejects.toBeInstanceOf(NotFoundError);
    await expect(members.findByPhone('')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('update', () => {
  it('changes name and birthday, keeps what is left out, and removes a birthday given null', async () => {
    const m = await members.register({ phone: freshPhone(), name: 'Old', birthday: '1980-01-01', channel: 'pos' });
    expect(await members.update(m.id, { name: 'New' })).toEqual({ ...m, name: 'New' });
    expect(await members.update(m.id, { birthday: '1981-12-31' })).toEqual({ ...m, name: 'New', birthday: '1981-12-31' });
    expect(await members.update(m.id, { birthday: null })).toEqual({ ...m, name: 'New', birthday: null });
    expect(await members.update(m.id, {})).toEqual({ ...m, name: 'New', birthday: null });
    expect(await members.findByPhone(m.phone)).toEqual({ ...m, name: 'New', birthday: null });
  });

  it('does not touch points, and points changes do not touch the profile', async () => {
    const m = await members.register({ phone: freshPhone(), name: 'P', channel: 'pos' });
    await Promise.all([
      members.changePoints(m.id, { delta: 1500, reason: 'bonus' }),
      members.update(m.id, { name: 'Q', birthday: '2000-01-01' }),
    ]);
    expect(await members.get(m.id)).toMatchObject({
      name: 'Q',
      birthday: '2000-01-01',
      points: 1500,
      lifetimePoints: 1500,
      level: 'silver',
    });
  });

  it('an unknown member is not-found and nothing is created; bad input is validation-failed', async () => {
    const id = newId('mem');
    await expect(members.update(id, { name: 'X' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(members.update(id, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(members.get(id)).rejects.toBeInstanceOf(NotFoundError);
    const m = await members.register({ phone: freshPhone(), name: 'V', channel: 'pos' });
    await expect(members.update(m.id, { birthday: '2026-13-01' })).rejects.toBeInstanceOf(ValidationError);
    await expect(members.update(m.id, { name: 'x'.repeat(33) })).rejects.toBeInstanceOf(ValidationError);
  });
});
