import { bindCouponsTables, CouponService } from '@retail/coupons';
import { defineFunction, type JobOutcome } from '@retail/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.js';

// The s.yaml timer trigger's job, end to end in-process: an FC timer event through the function's
// handler runs `sweep-claims`, which gives back a unit held by a claim that died.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** A claim that holds its unit and then "dies" (its hold's UpdateRow applies, then it throws). */
async function crashAfterHold(campaignId: string, memberId: string): Promise<void> {
  const tables = bindCouponsTables(h.client);
  const update = tables.shards.update;
  const dying = new CouponService({
    tables: {
      ...tables,
      shards: {
        ...tables.shards,
        update: async (...args: Parameters<typeof update>) => {
          await update(...args);
          throw new Error('the instance died');
        },
      },
    },
    clock: h.clock,
    members: { exists: async () => true },
  });
  await expect(dying.claim(campaignId, memberId)).rejects.toThrow('the instance died');
}

describe('the sweep-claims job', () => {
  it('runs from an FC timer event and gives back what a dead claim held', async () => {
    const campaign = await h.campaign({ total: 5 });
    await crashAfterHold(campaign.id, await h.member());
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(4);

    const entry = defineFunction(() => h.fn);
    const timer = { triggerName: 'sweep', triggerTime: new Date(h.clock.now()).toISOString(), payload: '{"job":"sweep-claims"}' };
    expect(await entry.handler(timer)).toMatchObject({ ok: true, result: { givenBack: 0 } }); // too young to judge
    h.clock.advance(61_000);
    const outcome: JobOutcome = await entry.handler(timer);
    expect(outcome).toEqual({ job: 'sweep-claims', ok: true, result: { campaigns: 1, failed: 0, confirmed: 0, givenBack: 1 } });
    expect((await h.call('GET', `/coupon-campaigns/${campaign.id}`)).json.remaining).toBe(5);
  });
});
