import { startFaultyProxy, type Fault, type FaultyProxy } from '@retail/ots-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCouponsTables, type CouponService } from '../../src/index.js';
import { expectCountsExact, expectSlotsConsistent } from '../support/counts.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// Responses lost on the network after the server applied the write: the storage layer reports the
// outcome as unknown, and the claim settles it by reading (its slot, its hold marker, its coupon).

let env: TestEnv;
let proxy: FaultyProxy;
let decide: (operation: string, nth: number) => Fault = () => 'pass';
beforeAll(async () => {
  env = await startTestEnv();
  proxy = await startFaultyProxy(env.config.endpoint, (op, nth) => decide(op, nth));
});
afterAll(async () => {
  await proxy.stop();
  await env.stop();
});

/** A service whose storage goes through the proxy; `faults` picks which requests lose their response. */
function throughProxy(faults: (operation: string, nth: number) => Fault): CouponService {
  proxy.seen.clear();
  decide = faults;
  const client = env.newClient({ endpoint: proxy.endpoint, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  return env.service({ tables: bindCouponsTables(client) });
}

const WRITES = ['PutRow', 'UpdateRow', 'DeleteRow'];

describe('a lost response', () => {
  for (const [what, op, nth] of [
    ['of the slot put', 'PutRow', 1],
    ['of the hold (the counter change)', 'UpdateRow', 1],
    ['of the coupon and index puts', 'PutRow', 2],
    ['of the hold confirmation or the slot mark', 'UpdateRow', 2],
  ] as const) {
    it(`${what}: one coupon, the unit taken once`, async () => {
      const campaign = await env.campaign({ total: 5 });
      const member = env.members.add();
      const service = throughProxy((o, n) =>
        o === op && (n === nth || (op === 'PutRow' && nth === 2 && n === 3)) ? 'drop-response' : 'pass',
      );
      const coupon = await service.claim(campaign.id, member);
      expect(proxy.seen.get(op)).toBeGreaterThan(nth); // the lost one was followed by a re-send or a read
      expect(await env.service().get(coupon.id)).toEqual(coupon);
      await expectCountsExact(env.tables, campaign.id, { settled: true });
      await expectSlotsConsistent(env.tables, campaign.id, member, { settled: true });
      expect((await env.service().getCampaign(campaign.id)).remaining).toBe(4);
    });
  }

  it('of every first write attempt, across 20 claims by 10 members of limit 1: 10 coupons, exact counts', async () => {
    const campaign = await env.campaign({ total: 100 });
    const service = throughProxy((o, n) => (WRITES.includes(o) && n % 3 === 1 ? 'drop-response' : 'pass'));
    const members = env.members.addMany(10);
    const outcomes = await Promise.all(
      [...members, ...members].map((m) =>
        service.claim(campaign.id, m).then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? String(e),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'limit-reached')).toBe(true);
    const state = await expectCountsExact(env.tables, campaign.id, { settled: true });
    expect(state.coupons).toHaveLength(10);
    for (const m of members) await expectSlotsConsistent(env.tables, campaign.id, m, { settled: true });
  });
});
