import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsOf, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const valid = {
  name: '15% off',
  kind: 'percent-off',
  value: 15,
  minSpend: 1000,
  total: 1000,
  perMemberLimit: 3,
  startsAt: '2026-11-11T00:00:00Z',
  endsAt: '2026-11-12T00:00:00Z',
};

describe('POST /coupon-campaigns', () => {
  it('creates a campaign: 201, Location, every field, all units remaining', async () => {
    const res = await h.call('POST', '/coupon-campaigns', { body: valid, channel: 'admin' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/coupon-campaigns/${res.json.id}`);
    expect(res.json).toEqual({
      ...valid,
      id: expect.stringMatching(/^cmp_[0-9a-z]{26}$/),
      startsAt: '2026-11-11T00:00:00.000Z',
      endsAt: '2026-11-12T00:00:00.000Z',
      remaining: 1000,
      createdAt: new Date(h.clock.now()).toISOString(),
    });
  });

  it('names every bad field, and the value by its kind', async () => {
    const bad = await h.call('POST', '/coupon-campaigns', {
      body: { name: '', kind: 'free', value: 0, minSpend: -1, total: 0, perMemberLimit: 21, startsAt: 'now', endsAt: 7, vip: 1 },
    });
    expect([bad.status, bad.json.code]).toEqual([400, 'validation-failed']);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(bad)).toEqual(['endsAt', 'kind', 'minSpend', 'name', 'perMemberLimit', 'startsAt', 'total', 'value', 'vip']);
    const percent = await h.call('POST', '/coupon-campaigns', { body: { ...valid, value: 100 } });
    expect([percent.status, fieldsOf(percent)]).toEqual([400, ['value']]);
    const amount = await h.call('POST', '/coupon-campaigns', { body: { ...valid, kind: 'amount-off', value: 1_000_000_001 } });
    expect(fieldsOf(amount)).toEqual(['value']);
    expect((await h.call('POST', '/coupon-campaigns', { body: { ...valid, kind: 'amount-off', value: 100 } })).status).toBe(201);
  });

  it('wants UTC times that exist, endsAt after startsAt', async () => {
    const reversed = await h.call('POST', '/coupon-campaigns', { body: { ...valid, endsAt: valid.startsAt } });
    expect([reversed.status, fieldsOf(reversed)]).toEqual([400, ['endsAt']]);
    const offset = await h.call('POST', '/coupon-campaigns', { body: { ...valid, startsAt: '2026-11-11T08:00:00+08:00' } });
    expect(fieldsOf(offset)).toEqual(['startsAt']);
    const unreal = await h.call('POST', '/coupon-campaigns', { body: { ...valid, startsAt: '2026-02-30T00:00:00Z' } });
    expect(fieldsOf(unreal)).toEqual(['startsAt']);
  });

  it('refuses malformed JSON and bodies that are not objects', async () => {
    expect((await h.call('POST', '/coupon-campaigns', { body: '{"name":' })).json.code).toBe('invalid-json');
    const array = await h.call('POST', '/coupon-campaigns', { body: '[]' });
    expect([array.status, array.json.code]).toEqual([400, 'validation-failed']);
  });
});

describe('GET /coupon-campaigns/{id}', () => {
  it('answers the campaign with the live remaining', async () => {
    const campaign = await h.campaign({ total: 3 });
    await h.call('POST', `/coupon-campaigns/${campaign.id}/claims`, { body: { memberId: await h.member() } });
    const res = await h.call('GET', `/coupon-campaigns/${campaign.id}`);
    expect([res.status, res.json]).toEqual([200, { ...campaign, remaining: 2 }]);
  });

  it('answers 404 for unknown and malformed ids', async () => {
    const unknown = await h.call('GET', '/coupon-campaigns/cmp_01j9z3k5q8x7v2w4t6y8r0p2n4');
    expect([unknown.status, unknown.json.code]).toEqual([404, 'not-found']);
    expect((await h.call('GET', `/coupon-campaigns/${'x'.repeat(2000)}`)).status).toBe(404);
  });
});
