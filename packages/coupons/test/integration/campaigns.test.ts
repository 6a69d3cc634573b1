import { NotFoundError, ValidationError } from '@retail/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/ots.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.stop());

describe('campaigns', () => {
  it('are created with every unit left, split over shards, and read back with the live remaining', async () => {
    const created = await env.service().createCampaign({
      name: '15% off',
      kind: 'percent-off',
      value: 15,
      minSpend: 1000,
      total: 1000,
      perMemberLimit: 3,
      startsAt: '2026-11-11T00:00:00Z',
      endsAt: '2026-11-12T00:00:00Z',
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^cmp_[0-9a-z]{26}$/),
      name: '15% off',
      kind: 'percent-off',
      value: 15,
      minSpend: 1000,
      total: 1000,
      perMemberLimit: 3,
      startsAt: '2026-11-11T00:00:00.000Z',
      endsAt: '2026-11-12T00:00:00.000Z',
      remaining: 1000,
      createdAt: '2026-11-11T00:00:00.000Z',
    });
    expect(await env.tables.campaigns.get({ campaignId: created.id })).toMatchObject({ shards: 16 });
    // another process (no cache) reads the same
    expect(await env.service().getCampaign(created.id)).toEqual(created);
    const member = env.members.add();
    await env.service().claim(created.id, member);
    expect((await env.service().getCampaign(created.id)).remaining).toBe(999);
  });

  it('refuses bad input by field and writes nothing', async () => {
    const service = env.service();
    const err = await service
      .createCampaign({
        name: '',
        kind: 'percent-off',
        value: 150,
        minSpend: 0,
        total: 10,
        perMemberLimit: 1,
        startsAt: '2026-11-12T00:00:00Z',
        endsAt: '2026-11-11T00:00:00Z',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p) => p.field).sort()).toEqual(['endsAt', 'name', 'value']);
    const rows = [];
    for await (const row of env.tables.campaigns.scan()) rows.push(row);
    expect(rows).toHaveLength(1); // only the one created above
  });

  it('answers not-found for unknown and malformed ids', async () => {
    await expect(env.service().getCampaign('cmp_01j9z3k5q8x7v2w4t6y8r0p2n4')).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.service().getCampaign('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});
