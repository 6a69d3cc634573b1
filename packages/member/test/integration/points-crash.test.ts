import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberService } from '../../src/index.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { expectLedgerConsistent, ledgerRows, memberState } from '../support/ledger.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

// A points change writes: 1. the member row (balance + the entry, conditional on seq)
// 2. the entry's ref row (with a ref) 3. the entry's ledger row. A crash after 1 leaves the
// entry only in the member row; the next touch writes it to the ledger.

let env: TestEnv;
let members: MemberService;
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
});
afterAll(() => env.stop());

const register = (): Promise<Member> => members.register({ phone: freshPhone(), name: 'Crash', channel: 'app' });

/** A service whose next points commit (the member-row update) applies and then "dies". */
function crashingAfterCommit(): MemberService {
  const faulty = withFault(env.tables.members, {
    method: 'update',
    crash: 'after',
    when: (args) => 'seq' in ((args[1] as { set?: object }).set ?? {}),
  });
  return env.service({ tables: { ...env.tables, members: faulty.table } });
}

describe('a crash between the balance update and the ledger write', () => {
  it('is repaired by the next change: the lost entry is written once, in its place', async () => {
    const m = await register();
    await members.changePoints(m.id, { delta: 100, reason: 'first' });
    await expect(crashingAfterCommit().changePoints(m.id, { delta: 50, reason: 'crashed' })).rejects.toBeInstanceOf(
      SimulatedCrash,
    );

    const state = await memberState(env.tables, m.id);
    expect(state).toMatchObject({ points: 150, seq: 2 });
    expect(await ledgerRows(env.tables, m.id)).toHaveLength(1); // the ledger lags by the crashed entry
    expect((await members.get(m.id)).points).toBe(150);

    expect(await members.changePoints(m.id, { delta: -30, reason: 'next' })).toMatchObject({ balance: 120 });
    const ledger = await expectLedgerConsistent(env.tables, m.id);
    expect(ledger.map((e) => [e.delta, e.reason, e.balance])).toEqual([
      [100, 'first', 100],
      [50, 'crashed', 150],
      [-30, 'next', 120],
    ]);
    expect(ledger[1]!.id).toBe(state.last!.id);
  });

  it('is repaired by a listing, so the deltas listed always add up to the balance', async () => {
    const m = await register();
    await members.changePoints(m.id, { delta: 70, reason: 'first' });
    await expect(crashingAfterCommit().changePoints(m.id, { delta: -20, reason: 'crashed' })).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    const page = await members.listPoints(m.id, { limit: 10 });
    expect(page.items.map((e) => e.delta)).toEqual([-20, 70]);
    expect(page.items.reduce((sum, e) => sum + e.delta, 0)).toBe((await members.get(m.id)).points);
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('many crashes interleaved with concurrent changes still leave one consistent ledger', async () => {
    const m = await register();
    await members.changePoints(m.id, { delta: 1000, reason: 'opening' });
    const healthy = Array.from({ length: 3 }, () => env.service({ client: env.newClient() }));
    const work = Array.from({ length: 40 }, (_, i) => {
      const delta = i % 3 === 0 ? -40 : 25;
      const service = i % 5 === 0 ? crashingAfterCommit() : healthy[i % 3]!;
      return service.changePoints(m.id, { delta, reason: `w${i}` });
    });
    const settled = await Promise.allSettled(work);
    for (const s of settled) {
      if (s.status === 'rejected') expect((s.reason as Error).name).toMatch(/SimulatedCrash|ConflictError/);
    }
    await members.listPoints(m.id, { limit: 1 }); // the next touch
    const ledger = await expectLedgerConsistent(env.tables, m.id);
    for (const s of settled) if (s.status === 'fulfilled') expect(ledger.filter((e) => e.id === s.value.entryId)).toHaveLength(1);
  });

  it('a crash before the balance update changes nothing', async () => {
    const m = await register();
    await members.changePoints(m.id, { delta: 10, reason: 'first' });
    const faulty = withFault(env.tables.members, { method: 'update', crash: 'before' });
    await expect(
      env.service({ tables: { ...env.tables, members: faulty.table } }).changePoints(m.id, { delta: 5, reason: 'x' }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await memberState(env.tables, m.id)).toMatchObject({ points: 10, seq: 1 });
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('a crash between the ref row and the ledger row is repaired, and the ref still applies once', async () => {
    const m = await register();
    const faulty = withFault(env.tables.points, { method: 'put', crash: 'before' });
    const crashing = env.service({ tables: { ...env.tables, points: faulty.table } });
    const first = crashing.changePoints(m.id, { delta: 88, reason: 'order paid', ref: 'order:ord_1' });
    await expect(first).rejects.toBeInstanceOf(SimulatedCrash);
    const state = await memberState(env.tables, m.id);
    expect(state).toMatchObject({ points: 88, seq: 1 }); // committed; the ref row is written, the ledger row is not
    expect(await ledgerRows(env.tables, m.id)).toHaveLength(0);
    // The caller retries with the same ref: the entry is repaired and returned, not applied again.
    const again = await members.changePoints(m.id, { delta: 88, reason: 'order paid', ref: 'order:ord_1' });
    expect(again).toEqual({ balance: 88, entryId: state.last!.id, replayed: true });
    await expectLedgerConsistent(env.tables, m.id);
    expect((await members.get(m.id)).points).toBe(88);
  });
});
