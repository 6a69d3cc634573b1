import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPhone, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('POST /members', () => {
  it('registers a member with the calling channel and answers 201 with Location', async () => {
    const phone = freshPhone();
    const res = await h.call('POST', '/members', { body: { phone, name: '李雷', birthday: '1990-05-01' }, channel: 'alipay' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/members/${res.json.id}`);
    expect(res.json).toMatchObject({
      phone,
      name: '李雷',
      birthday: '1990-05-01',
      level: 'regular',
      points: 0,
      lifetimePoints: 0,
      registeredChannel: 'alipay',
    });
    expect(res.json.id).toMatch(/^mem_[0-9a-z]{26}$/);
    expect(new Date(res.json.createdAt).toISOString()).toBe(res.json.createdAt);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('refuses a phone already registered with 409 phone-taken', async () => {
    const phone = freshPhone();
    await h.call('POST', '/members', { body: { phone, name: 'A' } });
    const again = await h.call('POST', '/members', { body: { phone, name: 'B' } });
    expect([again.status, again.json.code]).toEqual([409, 'phone-taken']);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
  });

  it('names every bad field and refuses unknown properties', async () => {
    const res = await h.call('POST', '/members', { body: { phone: '2380000000', name: '', birthday: '1990-02-30', vip: true } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('validation-failed');
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthday', 'name', 'phone', 'vip']);
  });

  it('refuses malformed JSON and non-object JSON', async () => {
    expect((await h.call('POST', '/members', { body: '{"phone":' })).json.code).toBe('invalid-json');
    const array = await h.call('POST', '/members', { body: '[]' });
    expect([array.status, array.json.code]).toEqual([400, 'validation-failed']);
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const res = await h.call('POST', '/members', {
      body: JSON.stringify({ phone: freshPhone(), name: 'x'.repeat(1024 * 1024) }),
    });
    expect([res.status, res.json.code]).toEqual([413, 'payload-too-large']);
  });
});

describe('GET /members', () => {
  it('finds a member by id and by phone', async () => {
    const phone = freshPhone();
    const created = (await h.call('POST', '/members', { body: { phone, name: 'Han' } })).json;
    expect((await h.call('GET', `/members/${created.id}`)).json).toEqual(created);
    expect((await h.call('GET', `/members?phone=${phone}`)).json).toEqual(created);
  });

  it('answers 404 for unknown and malformed ids and unknown phones, 400 for a bad phone', async () => {
    expect((await h.call('GET', '/members/mem_01j9z3k5q8x7v2w4t6y8r0p2n4')).status).toBe(404);
    expect((await h.call('GET', `/members/${'x'.repeat(2000)}`)).json.code).toBe('not-found');
    const unknown = await h.call('GET', '/members?phone=13000000000');
    expect(unknown.json.code).toBe('not-found');
    expect(JSON.stringify(unknown.json)).not.toContain('13000000000'); // a phone number is not echoed
    const bad = await h.call('GET', '/members?phone=12345');
    expect([bad.status, bad.json.errors[0].field]).toEqual([400, 'phone']);
    expect((await h.call('GET', '/members')).status).toBe(400);
  });
});

describe('PUT /members/{id}', () => {
  it('changes name and birthday, and removes the birthday with null', async () => {
    const created = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'Old', birthday: '2000-01-01' } }))
      .json;
    const renamed = await h.call('PUT', `/members/${created.id}`, { body: { name: 'New' } });
    expect(renamed.json).toMatchObject({ name: 'New', birthday: '2000-01-01' });
    const cleared = await h.call('PUT', `/members/${created.id}`, { body: { birthday: null } });
    expect(cleared.json).toMatchObject({ name: 'New', birthday: null });
    const bad = await h.call('PUT', `/members/${created.id}`, { body: { phone: '13800000000' } });
    expect([bad.status, bad.json.errors[0].field]).toEqual([400, 'phone']);
  });
});

describe('points', () => {
  it('earns, spends, refuses overdraft, and lists the ledger newest first summing to the balance', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'P' } })).json;
    const earn = await h.call('POST', `/members/${member.id}/points`, { body: { delta: 1200, reason: 'order paid' } });
    expect(earn.json).toMatchObject({ balance: 1200 });
    expect(earn.json.entryId).toBeTruthy();
    expect(
      (await h.call('POST', `/members/${member.id}/points`, { body: { delta: -200, reason: 'redeemed' } })).json.balance,
    ).toBe(1000);
    const overdraft = await h.call('POST', `/members/${member.id}/points`, { body: { delta: -1001, reason: 'too much' } });
    expect([overdraft.status, overdraft.json.code]).toEqual([409, 'insufficient-points']);
    const after = (await h.call('GET', `/members/${member.id}`)).json;
    expect(after).toMatchObject({ points: 1000, lifetimePoints: 1200, level: 'silver' });
    const page = (await h.call('GET', `/members/${member.id}/points?limit=1`)).json;
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ delta: -200, reason: 'redeemed', balance: 1000 });
    const rest = (await h.call('GET', `/members/${member.id}/points?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`))
      .json;
    expect(rest.items.map((e: { delta: number }) => e.delta)).toEqual([1200]);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a zero delta, a long reason and a bad limit by name', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'Z' } })).json;
    const zero = await h.call('POST', `/members/${member.id}/points`, { body: { delta: 0, reason: 'x'.repeat(65) } });
    expect(zero.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['delta', 'reason']);
    const limit = await h.call('GET', `/members/${member.id}/points?limit=0`);
    expect([limit.status, limit.json.errors[0].field]).toEqual([400, 'limit']);
    expect(
      (await h.call('POST', '/members/mem_01j9z3k5q8x7v2w4t6y8r0p2n4/points', { body: { delta: 1, reason: 'r' } })).status,
    ).toBe(404);
  });

  it('applies a retried change once with Idempotency-Key and refuses the key with another body', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'I' } })).json;
    const send = (delta: number) =>
      h.call('POST', `/members/${member.id}/points`, {
        body: { delta, reason: 'gift' },
        headers: { 'idempotency-key': `gift-${member.id}` },
      });
    const results = await Promise.all([send(50), send(50), send(50), send(50), send(50)]);
    expect(results.every((r) => r.status === 200 && r.json.balance === 50)).toBe(true);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect((await send(60)).json.code).toBe('idempotency-key-reused');
    expect((await h.call('GET', `/members/${member.id}`)).json.points).toBe(50);
  });

  it('keeps the balance and the ledger in agreement under 60 concurrent earn and spend calls', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'C' } })).json;
    await h.call('POST', `/members/${member.id}/points`, { body: { delta: 100, reason: 'start' } });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        h.call('POST', `/members/${member.id}/points`, { body: { delta: i % 2 === 0 ? 10 : -15, reason: `c${i}` } }),
      ),
    );
    expect(
      results.every(
        (r) => r.status === 200 || (r.status === 409 && ['insufficient-points', 'points-busy'].includes(r.json.code)),
      ),
    ).toBe(true);
    const applied = results.flatMap((r, i) => (r.status === 200 ? [i % 2 === 0 ? 10 : -15] : []));
    const final = (await h.call('GET', `/members/${member.id}`)).json;
    expect(final.points).toBe(100 + applied.reduce((a, b) => a + b, 0));
    expect(final.points).toBeGreaterThanOrEqual(0);
    const ledger = (await h.call('GET', `/members/${member.id}/points?limit=100`)).json.items as { delta: number }[];
    expect(ledger).toHaveLength(applied.length + 1);
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(final.points);
  });
});
