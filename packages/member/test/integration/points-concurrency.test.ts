import { ConflictError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberService, PointsChange } from '../../src/index.js';
import { expectLedgerConsistent } from '../support/ledger.js';
import { freshPhone, startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.stop());

/** `count` services, each with its own client: separate processes as far as storage can tell. */
const processes = (count: number, options: Parameters<TestEnv['service']>[0] = {}): MemberService[] =>
  Array.from({ length: count }, () => env.service({ ...options, client: env.newClient() }));

async function memberWith200(): Promise<string> {
  const members = env.service();
  const m = await members.register({ phone: freshPhone(), name: 'Busy', channel: 'app' });
  await members.changePoints(m.id, { delta: 200, reason: 'opening' });
  return m.id;
}

interface Outcome {
  readonly delta: number;
  readonly ok?: PointsChange;
  readonly refused?: string;
}

/** Runs the changes at once, each on the service `pick(i)`; every one must get a definite answer. */
async function runConcurrently(memberId: string, deltas: number[], pick: (i: number) => MemberService): Promise<Outcome[]> {
  const settled = await Promise.allSettled(deltas.map((delta, i) => pick(i).changePoints(memberId, { delta, reason: `c${i}` })));
  return settled.map((s, i) => {
    const delta = deltas[i]!;
    if (s.status === 'fulfilled') return { delta, ok: s.value };
    expect(s.reason).toBeInstanceOf(ConflictError); // a definite refusal, never an unknown outcome
    return { delta, refused: (s.reason as ConflictError).code };
  });
}

/** Every success is in the ledger exactly once, with its delta and balance; nothing else is. */
async function expectAppliedExactlyOnce(memberId: string, outcomes: Outcome[]): Promise<void> {
  const ledger = await expectLedgerConsistent(env.tables, memberId);
  const applied = outcomes.filter((o) => o.ok);
  expect(ledger).toHaveLength(1 + applied.length);
  const byId = new Map(ledger.map((e) => [e.id, e]));
  for (const o of applied) {
    expect(byId.get(o.ok!.entryId)).toMatchObject({ delta: o.delta, balance: o.ok!.balance });
  }
  const expected = 200 + applied.reduce((sum, o) => sum + o.delta, 0);
  const member = await env.service().get(memberId);
  expect(member.points).toBe(expected);
  expect(member.lifetimePoints).toBe(200 + applied.filter((o) => o.delta > 0).reduce((sum, o) => sum + o.delta, 0));
  expect(outcomes.filter((o) => o.refused === 'insufficient-points').every((o) => o.delta < 0)).toBe(true);
}

const mix = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 10 : -15));

describe('concurrent points changes on one member', () => {
  it('100 at once in one process (+10 / -15 from 200): all answered, never negative, ledger == balance', async () => {
    const id = await memberWith200();
    const members = env.service();
    const outcomes = await runConcurrently(id, mix(100), () => members);
    expect(outcomes.every((o) => o.ok || o.refused === 'insufficient-points')).toBe(true);
    await expectAppliedExactlyOnce(id, outcomes);
  });

  it('100 at once from 4 processes racing on the member row: all answered, each success applied once', async () => {
    const id = await memberWith200();
    const services = processes(4);
    const outcomes = await runConcurrently(id, mix(100), (i) => services[i % 4]!);
    const busy = outcomes.filter((o) => o.refused === 'points-busy').length;
    expect(busy).toBeLessThanOrEqual(10); // typically 0-2: the bounded retries rarely run out at 4-way contention
    expect(outcomes.every((o) => o.ok || o.refused === 'insufficient-points' || o.refused === 'points-busy')).toBe(true);
    await expectAppliedExactlyOnce(id, outcomes);
  });

  it('under contention beyond the retry bound, the losers get points-busy and changed nothing', async () => {
    const id = await memberWith200();
    const services = processes(10, { pointsRetry: { maxAttempts: 2 } });
    const outcomes = await runConcurrently(id, Array(40).fill(1), (i) => services[i % 10]!);
    const busy = outcomes.filter((o) => o.refused === 'points-busy');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + outcomes.filter((o) => o.ok).length).toBe(40);
    await expectAppliedExactlyOnce(id, outcomes);
  });
});
