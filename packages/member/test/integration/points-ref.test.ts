import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberService } from '../../src/index.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { expectLedgerConsistent } from '../support/ledger.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

// changePoints with `ref`: what trading uses to award points for a paid order exactly once,
// however often the payment is retried.

let env: TestEnv;
let members: MemberService;
beforeAll(async () => {
  env = await startTestEnv();
  members = env.service();
});
afterAll(() => env.stop());

const register = (): Promise<Member> => members.register({ phone: freshPhone(), name: 'Ref', channel: 'app' });
const award = (service: MemberService, id: string, ref: string, delta = 123) =>
  service.changePoints(id, { delta, reason: 'order paid', ref });

describe('an idempotent source reference', () => {
  it('applies once; a repeat returns the first outcome, also after later changes', async () => {
    const m = await register();
    const first = await award(members, m.id, 'order:ord_1');
    expect(first).toMatchObject({ balance: 123, replayed: false });
    expect(await award(members, m.id, 'order:ord_1')).toEqual({ ...first, replayed: true }); // the newest entry

    await members.changePoints(m.id, { delta: -23, reason: 'spent' });
    await award(members, m.id, 'order:ord_2', 10);
    expect(await award(members, m.id, 'order:ord_1')).toEqual({ ...first, replayed: true }); // found in the ref index
    expect(await members.get(m.id)).toMatchObject({ points: 110, lifetimePoints: 133 });
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('20 concurrent awards with one ref from 4 processes apply exactly once', async () => {
    const m = await register();
    const services = Array.from({ length: 4 }, () => env.service({ client: env.newClient() }));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => award(services[i % 4]!, m.id, 'order:ord_hot')));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.every((r) => r.balance === 123)).toBe(true);
    expect((await members.get(m.id)).points).toBe(123);
    expect(await expectLedgerConsistent(env.tables, m.id)).toHaveLength(1);
  });

  it('a retry after a crash that did apply the change returns it instead of applying it again', async () => {
    const m = await register();
    const faulty = withFault(env.tables.members, { method: 'update', crash: 'after' });
    const crashing = env.service({ tables: { ...env.tables, members: faulty.table } });
    await expect(award(crashing, m.id, 'order:ord_retry')).rejects.toBeInstanceOf(SimulatedCrash);
    const retried = await award(members, m.id, 'order:ord_retry');
    expect(retried).toMatchObject({ balance: 123, replayed: true });
    expect(await award(members, m.id, 'order:ord_retry')).toEqual(retried);
    expect((await members.get(m.id)).points).toBe(123);
    await expectLedgerConsistent(env.tables, m.id);
  });

  it('a retry after a crash before the change applies it (once)', async () => {
    const m = await register();
    const faulty = withFault(env.tables.members, { method: 'update', crash: 'before' });
    await expect(
      award(env.service({ tables: { ...env.tables, members: faulty.table } }), m.id, 'order:ord_b'),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await award(members, m.id, 'order:ord_b')).toMatchObject({ balance: 123, replayed: false });
    expect(await award(members, m.id, 'order:ord_b')).toMatchObject({ balance: 123, replayed: true });
  });

  it('the same ref with another delta or reason is points-ref-reused and changes nothing', async () => {
    const m = await register();
    await award(members, m.id, 'order:ord_x', 50);
    await expect(award(members, m.id, 'order:ord_x', 51)).rejects.toMatchObject({ code: 'points-ref-reused' });
    await expect(members.changePoints(m.id, { delta: 50, reason: 'other', ref: 'order:ord_x' })).rejects.toMatchObject({
      code: 'points-ref-reused',
    });
    expect((await members.get(m.id)).points).toBe(50);
  });

  it('is per member, and a refused change does not consume it', async () => {
    const [a, b] = [await register(), await register()];
    expect((await award(members, a.id, 'order:shared')).replayed).toBe(false);
    expect((await award(members, b.id, 'order:shared')).replayed).toBe(false);
    await expect(members.changePoints(a.id, { delta: -500, reason: 'redeem', ref: 'redeem:1' })).rejects.toMatchObject({
      code: 'insufficient-points',
    });
    await members.changePoints(a.id, { delta: 1000, reason: 'bonus' });
    expect(await members.changePoints(a.id, { delta: -500, reason: 'redeem', ref: 'redeem:1' })).toMatchObject({
      balance: 623,
      replayed: false,
    });
  });
});
