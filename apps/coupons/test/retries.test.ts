import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DyingInstance, type DeathPoint } from './support/dying-instance.js';
import { startHarness, type Harness } from './support/harness.js';

// A POST /coupon-campaigns/{id}/claims whose answer was lost, retried with the same
// Idempotency-Key: after its instance died halfway (the claim lapses, the retry takes over), or
// after a 503 for a write of unknown outcome. The retry answers the one coupon the first attempt
// started, and every count is what one claim holds (decisions 0008, 0011).

let h: Harness;
let dying: DyingInstance;
beforeAll(async () => {
  h = await startHarness();
  dying = await DyingInstance.start(h);
});
afterAll(async () => {
  await h.stop();
  await dying.stop();
});

const LAPSE_MS = 10_001; // the function timeout: a dead instance's claim lapses
let keys = 0;

async function setup(overrides: Record<string, unknown> = {}) {
  const campaign = await h.campaign({ total: 40, perMemberLimit: 1, ...overrides }); // 2 shards
  const memberId = await h.member();
  const path = `/coupon-campaigns/${campaign.id}/claims`;
  return { campaign, memberId, path, body: { memberId }, headers: { 'idempotency-key': `claim-retry-${++keys}` } };
}

/** One coupon for the member (the one answered), one unit gone, and the limit of 1 taken by it. */
async function expectOneCoupon(s: Awaited<ReturnType<typeof setup>>, id: string) {
  const coupons = (await h.call('GET', `/coupons?memberId=${s.memberId}`)).json.items;
  expect(coupons.map((c: { id: string }) => c.id)).toEqual([id]);
  expect((await h.call('GET', `/coupon-campaigns/${s.campaign.id}`)).json.remaining).toBe(39);
  const more = await h.call('POST', s.path, {
    body: s.body,
    headers: { 'idempotency-key': `${s.headers['idempotency-key']}-more` },
  });
  expect([more.status, more.json.code]).toEqual([409, 'limit-reached']);
}

describe('POST /coupon-campaigns/{id}/claims retried after the instance died', () => {
  const deaths: Array<[string, DeathPoint]> = [
    ['after the slot put', { operation: 'PutRow', table: 'coupon_claims' }],
    ['after the take', { operation: 'UpdateRow', table: 'coupon_campaign_shards' }],
    ['after the coupon put', { operation: 'PutRow', table: 'coupons' }],
    ['after the index put', { operation: 'PutRow', table: 'member_coupons' }],
    ['after the confirmation', { operation: 'UpdateRow', table: 'coupon_campaign_shards', nth: 2 }],
    ['after the slot mark', { operation: 'UpdateRow', table: 'coupon_claims' }],
  ];
  for (const [step, at] of deaths) {
    it(`${step}: the retry answers the one coupon; one unit taken, the limit of 1 not refused`, async () => {
      const s = await setup();
      await dying.dieDuring(at, s.path, s.body, s.headers);
      if (at === deaths[0]![1]) {
        // Until the claim lapses, the dead attempt looks like a slow one: a retry is told to wait.
        const early = await h.call('POST', s.path, { body: s.body, headers: s.headers });
        expect([early.status, early.json.code]).toEqual([409, 'idempotency-in-progress']);
      }
      h.clock.advance(LAPSE_MS);
      const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
      expect([retried.status, retried.headers.get('idempotent-replayed'), retried.json.status]).toEqual([201, null, 'available']);
      await expectOneCoupon(s, retried.json.id);
      const replayed = await h.call('POST', s.path, { body: s.body, headers: s.headers });
      expect([replayed.status, replayed.json, replayed.headers.get('idempotent-replayed')]).toEqual([201, retried.json, 'true']);
    });
  }

  it('with a limit of 3: the retry does not claim a second coupon for one grab', async () => {
    const s = await setup({ perMemberLimit: 3 });
    await dying.dieDuring({ operation: 'PutRow', table: 'coupons' }, s.path, s.body, s.headers);
    h.clock.advance(LAPSE_MS);
    const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    expect(retried.status).toBe(201);
    const coupons = (await h.call('GET', `/coupons?memberId=${s.memberId}`)).json.items;
    expect(coupons.map((c: { id: string }) => c.id)).toEqual([retried.json.id]);
    expect((await h.call('GET', `/coupon-campaigns/${s.campaign.id}`)).json.remaining).toBe(39);
  });
});

describe('a 503 for a write of unknown outcome, then a retry with the same key', () => {
  it('the slot put landed, its answer and the read after it lost: the retry claims once, not refused limit-reached', async () => {
    const s = await setup();
    await h.faults.set([
      { id: 'lost', fault: 'lose-response', operation: 'PutRow', table: 'coupon_claims', times: 1 },
      { id: 'busy', fault: 'error', error: 'OTSServerBusy', operation: 'GetRow', table: 'coupon_claims', times: 3 },
    ]);
    const lost = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    await h.faults.clear();
    expect([lost.status, lost.json.code]).toEqual([503, 'storage-unavailable']);
    const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, null]);
    await expectOneCoupon(s, retried.json.id);
  });

  it('the take landed and could not be settled (the claim voided itself): the retry claims once, under the successor', async () => {
    const s = await setup();
    await h.faults.set([
      { id: 'lost', fault: 'lose-response', operation: 'UpdateRow', table: 'coupon_campaign_shards', times: 1 },
      { id: 'busy', fault: 'error', error: 'OTSServerBusy', operation: 'GetRow', table: 'coupon_campaign_shards', times: 6 },
    ]);
    const lost = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    await h.faults.clear();
    expect([lost.status, lost.json.code]).toEqual([503, 'storage-unavailable']);
    const retried = await h.call('POST', s.path, { body: s.body, headers: s.headers });
    expect(retried.status).toBe(201);
    await expectOneCoupon(s, retried.json.id);
  });
});
