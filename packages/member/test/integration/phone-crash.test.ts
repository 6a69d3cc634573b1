import { NotFoundError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberKey } from '../../src/shard.js';
import type { MemberService } from '../../src/index.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { activeMembersWithPhone, until } from '../support/members.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

// Registration writes: 1. phone claim (pending) 2. member row 3. claim confirmed.
// A crash after any of them must leave the phone neither blocked for ever nor shared, and a
// member that was written reachable by its phone.

let env: TestEnv;
let members: MemberService;
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
});
afterAll(() => env.stop());

const GRACE = 60_000;

async function claimOf(phone: string) {
  return env.tables.phones.get({ phone });
}

describe('a crash between the phone claim and the member row', () => {
  it('blocks the phone only for the grace period, then a new registration takes it', async () => {
    const phone = freshPhone();
    const phones = withFault(env.tables.phones, { method: 'put', crash: 'after' });
    const crashing = env.service({ tables: { ...env.tables, phones: phones.table } });
    await expect(crashing.register({ phone, name: 'Crashed', channel: 'app' })).rejects.toBeInstanceOf(SimulatedCrash);

    const claim = await claimOf(phone);
    expect(claim).toMatchObject({ state: 'pending' });
    const abandonedId = String(claim?.memberId);
    await expect(members.findByPhone(phone)).rejects.toBeInstanceOf(NotFoundError); // a claim without a member is no member

    env.clock.advance(GRACE - 1000); // the first registration might only be slow: not yet
    await expect(members.register({ phone, name: 'Too early', channel: 'app' })).rejects.toMatchObject({ code: 'phone-taken' });

    env.clock.advance(2000);
    const m = await members.register({ phone, name: 'Later', channel: 'app' });
    expect(await members.findByPhone(phone)).toEqual(m);
    expect(await claimOf(phone)).toMatchObject({ memberId: m.id, state: 'confirmed' });
    // The abandoned id is voided for good: its late member write could never land.
    expect(await env.tables.members.get(memberKey(abandonedId))).toMatchObject({ state: 'void' });
    await expect(members.get(abandonedId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await activeMembersWithPhone(env.tables, phone)).toHaveLength(1);
  });

  it('a merely slow first registration that resumes after the phone was taken over loses cleanly', async () => {
    const phone = freshPhone();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowMembers = withFault(env.tables.members, { method: 'put', hold: gate });
    const slow = env.service({ tables: { ...env.tables, members: slowMembers.table } });
    const first = slow.register({ phone, name: 'Slow', channel: 'app' });
    await until(() => slowMembers.hits() === 1); // claimed; its member write is on its way

    env.clock.advance(GRACE + 1000);
    const second = await members.register({ phone, name: 'Fast', channel: 'pos' });
    release(); // the slow write arrives now: the id it writes was voided

    await expect(first).rejects.toMatchObject({ code: 'phone-taken' });
    expect(await members.findByPhone(phone)).toEqual(second);
    const rows = await activeMembersWithPhone(env.tables, phone);
    expect(rows.map((r) => r.memberId)).toEqual([second.id]);
  });

  it('a slow first registration that finishes within the grace period keeps its phone', async () => {
    const phone = freshPhone();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowMembers = withFault(env.tables.members, { method: 'put', hold: gate });
    const slow = env.service({ tables: { ...env.tables, members: slowMembers.table } });
    const first = slow.register({ phone, name: 'Slow', channel: 'app' });
    await until(() => slowMembers.hits() === 1);

    env.clock.advance(GRACE - 1000);
    await expect(members.register({ phone, name: 'Other', channel: 'pos' })).rejects.toMatchObject({ code: 'phone-taken' });
    release();
    const m = await first;
    expect(await members.findByPhone(phone)).toEqual(m);
    expect(await activeMembersWithPhone(env.tables, phone)).toHaveLength(1);
  });

  it('a takeover that crashes after voiding the old id is finished by the next registration, without waiting', async () => {
    const phone = freshPhone();
    const crashAfterClaim = withFault(env.tables.phones, { method: 'put', crash: 'after' });
    await expect(
      env.service({ tables: { ...env.tables, phones: crashAfterClaim.table } }).register({ phone, name: 'A', channel: 'app' }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    env.clock.advance(GRACE + 1000);
    const crashBeforeRelease = withFault(env.tables.phones, { method: 'delete', crash: 'before' });
    await expect(
      env.service({ tables: { ...env.tables, phones: crashBeforeRelease.table } }).register({ phone, name: 'B', channel: 'app' }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    // The claim still points at the voided id, freshly or not: it is released at once.
    const m = await members.register({ phone, name: 'C', channel: 'app' });
    expect(await members.findByPhone(phone)).toEqual(m);
    expect(await activeMembersWithPhone(env.tables, phone)).toHaveLength(1);
  });
});

describe('a crash between the member row and the claim confirmation', () => {
  it('leaves a registered member, reachable by phone; the phone stays taken, also after the grace period', async () => {
    const phone = freshPhone();
    const faulty = withFault(env.tables.members, { method: 'put', crash: 'after' });
    const crashing = env.service({ tables: { ...env.tables, members: faulty.table } });
    await expect(crashing.register({ phone, name: 'Written', channel: 'wechat' })).rejects.toBeInstanceOf(SimulatedCrash);

    const claim = await claimOf(phone);
    expect(claim).toMatchObject({ state: 'pending' });
    const found = await members.findByPhone(phone);
    expect(found).toMatchObject({ id: claim?.memberId, name: 'Written', registeredChannel: 'wechat' });
    expect(await members.get(found.id)).toEqual(found);

    env.clock.advance(10 * GRACE);
    await expect(members.register({ phone, name: 'Thief', channel: 'app' })).rejects.toMatchObject({ code: 'phone-taken' });
    expect(await claimOf(phone)).toMatchObject({ memberId: found.id, state: 'confirmed' }); // confirmed on the way
    expect(await members.findByPhone(phone)).toEqual(found);
    expect(await activeMembersWithPhone(env.tables, phone)).toHaveLength(1);
  });

  it('a crash right after the confirmation changes nothing: the member is registered', async () => {
    const phone = freshPhone();
    const faulty = withFault(env.tables.phones, { method: 'update', crash: 'after' });
    await expect(
      env.service({ tables: { ...env.tables, phones: faulty.table } }).register({ phone, name: 'Done', channel: 'app' }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await claimOf(phone)).toMatchObject({ state: 'confirmed' });
    expect(await members.findByPhone(phone)).toMatchObject({ name: 'Done' });
  });
});
