import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_AFTER_END_MS, type CouponService } from '../../src/index.js';
import { expectCountsExact } from '../support/counts.js';
import { SimulatedCrash, withFault } from '../support/faults.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
let coupons: CouponService;
beforeAll(async () => {
  env = await startTestEnv();
  coupons = env.service();
});
afterAll(() => env.stop());

const GRACE = 60_000;
const isHoldPlace = (args: unknown[]) => Object.keys((args[1] as { set?: object }).set ?? {}).some((c) => c.startsWith('h_'));

describe('sweepRunning (the timer job)', () => {
  it('sweeps the campaigns that have started and not long ended, and only those', async () => {
    const now = env.clock.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const running = await env.campaign({ total: 5 });
    const endingSoon = await env.campaign({ total: 5, endsAt: at(30_000) });
    const future = await env.campaign({ total: 5, startsAt: at(3_600_000), endsAt: at(7_200_000) });
    const crashing = env.service({
      tables: {
        ...env.tables,
        shards: withFault(env.tables.shards, { method: 'update', crash: 'after', when: isHoldPlace, times: 2 }).table,
      },
    });
    await expect(crashing.claim(running.id, env.members.add())).rejects.toBeInstanceOf(SimulatedCrash);
    await expect(crashing.claim(endingSoon.id, env.members.add())).rejects.toBeInstanceOf(SimulatedCrash);

    env.clock.advance(GRACE + 1);
    expect(await coupons.sweepRunning()).toEqual({ campaigns: 2, failed: 0, confirmed: 0, givenBack: 2 });
    for (const c of [running, endingSoon, future]) await expectCountsExact(env.tables, c.id, { settled: true });

    env.clock.advance(SWEEP_AFTER_END_MS);
    expect(await coupons.sweepRunning()).toMatchObject({ campaigns: 1 }); // the ended one is left alone now
  });
});
