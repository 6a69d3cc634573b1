import { startFaultyProxy, type FaultyProxy } from '@retail/ots-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCouponsTables, type ClaimAttempt, type CouponService } from '../../src/index.js';
import { attemptsOf } from '../support/attempts.js';
import { startTestEnv, type TestEnv } from '../support/ots.js';

// What a claim costs in storage requests, counted by a proxy in front of ots-local: a key's first
// attempt costs what a claim without a key does (no look for earlier work on the hot path of a
// grab); a resumed one adds one read of each place earlier work can be.

let env: TestEnv;
let proxy: FaultyProxy;
beforeAll(async () => {
  env = await startTestEnv();
  proxy = await startFaultyProxy(env.config.endpoint, () => 'pass');
});
afterAll(async () => {
  await proxy.stop();
  await env.stop();
});

/** The requests of one claim, by operation, from a process that has read the campaign already. */
async function requestsOf(campaignId: string, claim: (service: CouponService) => Promise<unknown>) {
  const service = env.service({ tables: bindCouponsTables(env.newClient({ endpoint: proxy.endpoint })) });
  await service.getCampaign(campaignId); // campaign rows are cached per process
  proxy.seen.clear();
  await claim(service);
  return Object.fromEntries([...proxy.seen].sort());
}

describe('requests per claim', () => {
  it('a first attempt with a key: the same as without one', async () => {
    const campaign = await env.campaign({ perMemberLimit: 3 });
    const withoutKey = await requestsOf(campaign.id, (s) => s.claim(campaign.id, env.members.add()));
    const memberId = env.members.add();
    const first: ClaimAttempt = attemptsOf(campaign.id, memberId, env.clock.now()).first;
    expect(await requestsOf(campaign.id, (s) => s.claim(campaign.id, memberId, first))).toEqual(withoutKey);
    // The slots read (limit 3); slot, coupon and index puts; hold, confirmation and slot mark.
    expect(withoutKey).toEqual({ GetRange: 1, PutRow: 3, UpdateRow: 3 });
  });

  it('a resumed attempt finding nothing: one GetRow, one GetRange and one BatchGetRow more', async () => {
    const campaign = await env.campaign();
    const withoutKey = await requestsOf(campaign.id, (s) => s.claim(campaign.id, env.members.add()));
    const memberId = env.members.add();
    const { retry } = attemptsOf(campaign.id, memberId, env.clock.now());
    const resumed = await requestsOf(campaign.id, (s) => s.claim(campaign.id, memberId, retry));
    expect(resumed).toEqual({
      ...withoutKey,
      GetRow: (withoutKey.GetRow ?? 0) + 1,
      GetRange: (withoutKey.GetRange ?? 0) + 1,
      BatchGetRow: (withoutKey.BatchGetRow ?? 0) + 1,
    });
  });
});
