/** Flow control changed at run time through `/_gateway/channels` (admin only). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, refusedCall, signedFetch, startHarness, type Harness } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

interface ChannelState {
  channel: string;
  rps: number;
  burst: number;
  currentRps: number;
}

async function listChannels(): Promise<ChannelState[]> {
  const list = (await clientFor('admin').get(`${h.gateway.url}/_gateway/channels`)) as {
    items: ChannelState[];
    nextCursor: null;
  };
  expect(list.nextCursor).toBeNull();
  return list.items;
}

describe('GET /_gateway/channels', () => {
  it('lists every channel app with its limit and a sliding one-second request count', async () => {
    const web = clientFor('web');
    for (let i = 0; i < 5; i++) await web.get(`${h.gateway.url}/members/m1`);
    const items = await listChannels();
    expect(items.map((item) => item.channel)).toEqual(['admin', 'alipay', 'app', 'pos', 'web', 'wechat']);
    expect(items.find((item) => item.channel === 'web')).toEqual({ channel: 'web', rps: 100, burst: 200, currentRps: 5 });
    expect(items.find((item) => item.channel === 'wechat')).toMatchObject({ rps: 200, burst: 400, currentRps: 0 });
    expect(JSON.stringify(items)).not.toMatch(/appSecret|appKey/);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await listChannels()).find((item) => item.channel === 'web')?.currentRps).toBe(0);
  });
});

describe('PUT /_gateway/channels/{channel}/throttle', () => {
  it('takes effect at once: a channel throttled to 1 rps is refused, and lifted again', async () => {
    const admin = clientFor('admin');
    const app = clientFor('app');
    const url = `${h.gateway.url}/_gateway/channels/app/throttle`;
    await expect(admin.put(url, { data: { rps: 1, burst: 1 } })).resolves.toEqual({ channel: 'app', rps: 1, burst: 1 });
    expect((await listChannels()).find((item) => item.channel === 'app')).toMatchObject({ rps: 1, burst: 1 });

    await app.get(`${h.gateway.url}/members/m1`);
    const { status, headers } = await refusedCall(app.get(`${h.gateway.url}/members/m1`));
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('1');
    expect(headers['x-ca-error-message']).toBe('Throttled by APP Flow Control');

    await expect(admin.put(url, { data: { rps: 1000, burst: 50 } })).resolves.toEqual({ channel: 'app', rps: 1000, burst: 50 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => app.get(`${h.gateway.url}/members/m1`)));
    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
  });

  it('Retry-After counts whole seconds until a token is back', async () => {
    const admin = clientFor('admin');
    await admin.put(`${h.gateway.url}/_gateway/channels/alipay/throttle`, { data: { rps: 1, burst: 1 } });
    const alipay = clientFor('alipay');
    await alipay.get(`${h.gateway.url}/members/m1`);
    const refused = await signedFetch(`${h.gateway.url}/members/m1`, 'alipay');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await expect(alipay.get(`${h.gateway.url}/members/m1`)).resolves.toBeDefined();
  });

  it('an unknown channel: 404 not-found', async () => {
    const response = await signedFetch(`${h.gateway.url}/_gateway/channels/fax/throttle`, 'admin', {
      method: 'PUT',
      data: { rps: 5, burst: 5 },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('rps and burst must be integers >= 1: 400 validation-failed naming every bad field', async () => {
    const put = (data: Record<string, unknown> | string) =>
      signedFetch(`${h.gateway.url}/_gateway/channels/web/throttle`, 'admin', { method: 'PUT', data });
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ rps: 0, burst: 10 }, ['rps']],
      [{ rps: 1.5, burst: '10' }, ['rps', 'burst']],
      [{ burst: 10 }, ['rps']],
      [{ rps: 5, burst: 5, extra: true }, ['extra']],
      [{ rps: -1, burst: 0 }, ['rps', 'burst']],
    ];
    for (const [data, fields] of cases) {
      const response = await put(data);
      expect(response.status, JSON.stringify(data)).toBe(400);
      const body = (await response.json()) as { code: string; errors: Array<{ field: string; messages: string[] }> };
      expect(body.code).toBe('validation-failed');
      expect(body.errors.map((error) => error.field)).toEqual(fields);
      expect(body.errors.every((error) => error.messages.length > 0)).toBe(true);
    }
    const notObject = await put('[1,2]');
    expect(notObject.status).toBe(400);
    expect(await notObject.json()).toMatchObject({ code: 'validation-failed' });
    const badJson = await put('{"rps":');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 'invalid-json' });
    // Nothing changed.
    expect((await listChannels()).find((item) => item.channel === 'web')).toMatchObject({ rps: 100, burst: 200 });
  });

  it('other methods and paths under /_gateway/channels: 404', async () => {
    const response = await signedFetch(`${h.gateway.url}/_gateway/channels/web`, 'admin');
    expect(response.status).toBe(404);
    const post = await signedFetch(`${h.gateway.url}/_gateway/channels`, 'admin', { method: 'POST', data: {} });
    expect(post.status).toBe(404);
  });
});
