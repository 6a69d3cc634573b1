import { bindTable } from '@retail/tablestore';
import { idempotencyTable } from '@retail/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPhone, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** What an instance that died before storing its response leaves: no idempotency record at all. */
async function forgetIdempotencyRecords(): Promise<void> {
  const records = bindTable(h.client, idempotencyTable);
  for await (const row of records.scan({ columns: ['status'] })) {
    await records.delete({ scope: String(row.scope), key: String(row.key) });
  }
}

describe('POST /members/{id}/points with an Idempotency-Key', () => {
  it('applies the change once even when the stored response is gone (an instance died before storing it)', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'Retry' } })).json;
    const send = () =>
      h.call('POST', `/members/${member.id}/points`, {
        body: { delta: 30, reason: 'order paid' },
        headers: { 'idempotency-key': 'pay-77' },
      });
    const first = await send();
    expect(first.status).toBe(200);
    await forgetIdempotencyRecords();
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json); // the same entry, found by the key's reference
    expect((await h.call('GET', `/members/${member.id}`)).json.points).toBe(30);
    expect((await h.call('GET', `/members/${member.id}/points`)).json.items).toHaveLength(1);
  });

  it('the same key from another channel is another change', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'Two channels' } })).json;
    for (const channel of ['wechat', 'alipay']) {
      const res = await h.call('POST', `/members/${member.id}/points`, {
        body: { delta: 5, reason: 'check-in' },
        channel,
        headers: { 'idempotency-key': 'same-key' },
      });
      expect(res.status).toBe(200);
    }
    expect((await h.call('GET', `/members/${member.id}`)).json.points).toBe(10);
  });

  it('a reused key with another change after its record is gone is refused, changing nothing', async () => {
    const member = (await h.call('POST', '/members', { body: { phone: freshPhone(), name: 'Reuse' } })).json;
    const headers = { 'idempotency-key': 'k-1' };
    await h.call('POST', `/members/${member.id}/points`, { body: { delta: 8, reason: 'a' }, headers });
    await forgetIdempotencyRecords();
    const reused = await h.call('POST', `/members/${member.id}/points`, { body: { delta: 9, reason: 'a' }, headers });
    expect([reused.status, reused.json.code]).toEqual([409, 'points-ref-reused']);
    expect((await h.call('GET', `/members/${member.id}`)).json.points).toBe(8);
  });
});
