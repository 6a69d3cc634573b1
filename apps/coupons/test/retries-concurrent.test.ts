import type { FaultRule } from '@retail/ots-local';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Response } from './support/harness.js';

// Clients that retry their claims with their Idempotency-Keys, all at once, while storage loses
// answers and refuses calls: every 201 of one key names the same coupon, and the counts are exact.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const DOMAIN_TABLES = ['coupon_campaign_shards', 'coupon_claims', 'coupons', 'member_coupons'];
// Faults on the function's own tables; the idempotency records stay reachable, so every failed
// attempt releases its claim and the next retry resumes it (a claim that lapsed: retries.test.ts).
// A claim settles a lost answer by reading, so reads fail often too: then an attempt ends in a 503
// having done part of the work, which its retry must find (a fresh coupon id would not).
const READS = ['GetRow', 'GetRange', 'BatchGetRow'];
const FAULTS: FaultRule[] = DOMAIN_TABLES.flatMap((table) => [
  { id: `lost-put-${table}`, fault: 'lose-response' as const, operation: 'PutRow', table, probability: 0.25 },
  { id: `lost-update-${table}`, fault: 'lose-response' as const, operation: 'UpdateRow', table, probability: 0.25 },
  { id: `busy-${table}`, fault: 'error' as const, error: 'OTSServerBusy' as const, table, probability: 0.1 },
  ...READS.map((operation) => ({
    id: `busy-${operation}-${table}`,
    fault: 'error' as const,
    error: 'OTSServerBusy' as const,
    operation,
    table,
    probability: 0.5,
  })),
]);

/** One client: the same request until it is answered with something other than "retry". */
async function persist(send: () => Promise<Response>): Promise<Response> {
  for (let tries = 1; ; tries++) {
    const res = await send();
    const retry = res.status === 503 || (res.status === 409 && res.json.code === 'idempotency-in-progress');
    if (!retry || tries === 60) return res;
    await sleep(10 + Math.random() * 30);
  }
}

async function underFaults<T>(run: () => Promise<T>, first: FaultRule[] = []): Promise<{ result: T; fired: number }> {
  await h.faults.set({ seed: 12, rules: [...first, ...FAULTS] });
  const result = await run();
  const fired = Object.values(await h.faults.stats()).reduce((sum, c) => sum + c.fired, 0);
  await h.faults.clear();
  return { result, fired };
}

describe('claims retried with their keys while faults fire', () => {
  it('8 clients retrying one key in parallel: one coupon, one unit, the limit of 1 counted once', async () => {
    const campaign = await h.campaign({ total: 100, perMemberLimit: 1 }); // 5 shards
    const memberId = await h.member();
    const path = `/coupon-campaigns/${campaign.id}/claims`;
    const send = () => h.call('POST', path, { body: { memberId }, headers: { 'idempotency-key': 'many-claim' } });
    // Whatever else fires, the first slot put lands with its answer lost and the read after it fails:
    // that attempt ends in a 503 with the member's one slot taken under its coupon id.
    const first: FaultRule[] = [
      { id: 'first-lost', fault: 'lose-response', operation: 'PutRow', table: 'coupon_claims', times: 1 },
      { id: 'first-unread', fault: 'error', error: 'OTSServerBusy', operation: 'GetRow', table: 'coupon_claims', times: 3 },
    ];
    const { result: answers, fired } = await underFaults(
      () => Promise.all(Array.from({ length: 8 }, () => persist(send))),
      first,
    );

    expect(fired).toBeGreaterThan(0);
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
    const ids = new Set(answers.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    const listed = (await h.call('GET', `/coupons?memberId=${memberId}`)).json.items;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([...ids]);
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(99);
    const more = await h.call('POST', path, { body: { memberId }, headers: { 'idempotency-key': 'many-claim-2' } });
    expect([more.status, more.json.code]).toEqual([409, 'limit-reached']);
  });

  it('a grab: 120 members, each retrying its own key, for 40 coupons: exactly 40, one per member at most', async () => {
    const campaign = await h.campaign({ total: 40, perMemberLimit: 1 }); // 2 shards
    const members = await Promise.all(Array.from({ length: 120 }, () => h.member()));
    const path = `/coupon-campaigns/${campaign.id}/claims`;
    const { result: answers, fired } = await underFaults(() =>
      Promise.all(
        members.map((memberId, i) =>
          persist(() => h.call('POST', path, { body: { memberId }, headers: { 'idempotency-key': `grab-${i}` } })),
        ),
      ),
    );

    expect(fired).toBeGreaterThan(0);
    const won = answers.filter((r) => r.status === 201);
    expect(won).toHaveLength(40);
    expect(answers.filter((r) => r.status !== 201).map((r) => r.json.code)).toEqual(Array(80).fill('sold-out'));
    for (const [i, memberId] of members.entries()) {
      const listed = (await h.call('GET', `/coupons?memberId=${memberId}`)).json.items.map((c: { id: string }) => c.id);
      expect(listed).toEqual(answers[i]!.status === 201 ? [answers[i]!.json.id] : []);
    }
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(0);
  });
});
