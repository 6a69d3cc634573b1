/**
 * Signed requests changed on the way (tampered) and sent again (replayed): refused, never passed to
 * a function, and a tampered copy never uses up the nonce of the request it was made from.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, send, signRequest, startHarness, type Harness, type SignedRequest } from './support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The request with some headers replaced (`undefined` removes one). */
function withHeaders(request: SignedRequest, changes: Record<string, string | undefined>): SignedRequest {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...request, headers };
}

const received = () => Object.values(h.echoes).reduce((sum, echo) => sum + echo.received.length, 0);

async function expectRefused(what: string, response: Response, code: string, message: string | RegExp): Promise<void> {
  expect(response.status, what).toBe(400);
  const header = response.headers.get('x-ca-error-message') ?? '';
  if (typeof message === 'string') expect(header, what).toBe(message);
  else expect(header, what).toMatch(message);
  expect(await response.json(), what).toMatchObject({ status: 400, code });
}

const INVALID_SIGNATURE = /^Invalid Signature, Server StringToSign:/;

describe('a signed request changed on the way', () => {
  it('GET: every change to what is signed is refused, and none uses up the nonce of the original', async () => {
    const url = `${h.gateway.url}/members?phone=13800000000&limit=5`;
    const original = signRequest(url, 'wechat', { signHeaders: { 'idempotency-key': 'key-1' } });
    const signedNames = original.headers['x-ca-signature-headers']!;
    const signature = original.headers['x-ca-signature']!;
    const tampered: Array<[string, SignedRequest]> = [
      ['another path', { ...original, url: url.replace('/members?', '/members/m1?') }],
      ['a changed query value', { ...original, url: url.replace('13800000000', '13800000001') }],
      ['an added query parameter', { ...original, url: `${url}&admin=1` }],
      ['a removed query parameter', { ...original, url: url.replace('&limit=5', '') }],
      ['a repeated query parameter', { ...original, url: `${url}&phone=13900000000` }],
      ['another method', { ...original, method: 'DELETE' }],
      ['a changed signed header', withHeaders(original, { 'idempotency-key': 'key-2' })],
      ['a signed header removed', withHeaders(original, { 'idempotency-key': undefined })],
      [
        'a signed header left out of the list',
        withHeaders(original, { 'x-ca-signature-headers': signedNames.replace('idempotency-key,', '') }),
      ],
      [
        'a changed timestamp',
        withHeaders(original, { 'x-ca-timestamp': String(Number(original.headers['x-ca-timestamp']) + 1) }),
      ],
      ['a changed nonce', withHeaders(original, { 'x-ca-nonce': randomUUID() })],
      ['another stage', withHeaders(original, { 'x-ca-stage': 'TEST' })],
      ['another Accept', withHeaders(original, { accept: 'text/html' })],
      ["another channel app's key", withHeaders(original, { 'x-ca-key': DEV.pos!.appKey })],
      [
        'a changed signature',
        withHeaders(original, { 'x-ca-signature': `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}` }),
      ],
      ['HmacSHA1 claimed for a SHA-256 signature', withHeaders(original, { 'x-ca-signature-method': 'HmacSHA1' })],
    ];
    const before = received();
    for (const [what, request] of tampered) {
      const response = await send(request);
      expect(response.headers.get('x-ca-error-code'), what).toBe('A403IS');
      await expectRefused(what, response, 'invalid-signature', INVALID_SIGNATURE);
    }
    expect(received()).toBe(before);

    // The original, untouched, still passes: no tampered copy used its nonce up.
    const response = await send(original);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ function: 'member', url: '/members?phone=13800000000&limit=5' });
    // The same bytes again are a replay.
    await expectRefused('replay', await send(original), 'nonce-used', 'Nonce Used');
    expect(received()).toBe(before + 1);
  });

  it('POST: a changed body is refused by Content-MD5, and one with a recomputed Content-MD5 by the signature', async () => {
    const original = signRequest(`${h.gateway.url}/members`, 'app', {
      method: 'POST',
      data: { phone: '13800000002', name: 'Wang' },
    });
    const body = JSON.stringify({ phone: '13800000002', name: 'Mallory' });
    const md5 = createHash('md5').update(body).digest('base64');
    const before = received();
    await expectRefused('body', await send({ ...original, body }), 'invalid-content-md5', 'Invalid Content-MD5');
    const tampered: Array<[string, SignedRequest]> = [
      ['body and Content-MD5', withHeaders({ ...original, body }, { 'content-md5': md5 })],
      ['Content-MD5 removed', withHeaders({ ...original, body }, { 'content-md5': undefined })],
      ['another Content-Type', withHeaders(original, { 'content-type': 'text/plain' })],
    ];
    for (const [what, request] of tampered) {
      await expectRefused(what, await send(request), 'invalid-signature', INVALID_SIGNATURE);
    }
    expect(received()).toBe(before);
    const response = await send(original);
    expect(response.status).toBe(200);
    expect(JSON.parse(((await response.json()) as { body: string }).body)).toEqual({ phone: '13800000002', name: 'Wang' });
  });

  it('form POST: the form parameters are signed, so a changed or added one is refused', async () => {
    const original = signRequest(`${h.gateway.url}/coupons/c1`, 'web', { method: 'POST', form: true, data: { a: '1' } });
    for (const [what, body] of [
      ['a changed parameter', 'a=2'],
      ['an added parameter', 'a=1&b=2'],
    ]) {
      await expectRefused(what!, await send({ ...original, body: body! }), 'invalid-signature', INVALID_SIGNATURE);
    }
    expect((await send(original)).status).toBe(200);
  });
});

describe('replays over time (the gateway on a clock the test moves)', () => {
  it('a replay is refused for its nonce within 15 minutes, and for its timestamp after that', async () => {
    let clock = Date.now();
    const timed = await startHarness({ now: () => clock });
    try {
      const request = signRequest(`${timed.gateway.url}/members/m1`, 'wechat', { headers: { 'x-ca-timestamp': String(clock) } });
      expect((await send(request)).status).toBe(200);
      clock += 14 * 60_000;
      await expectRefused('after 14 minutes', await send(request), 'nonce-used', 'Nonce Used');
      clock += 2 * 60_000;
      await expectRefused('after 16 minutes', await send(request), 'timestamp-expired', 'Timestamp Expired');
      expect(timed.echoes.member.received).toHaveLength(1);
    } finally {
      await timed.stop();
    }
  });

  it('a request from a clock up to 15 minutes fast cannot be replayed once 15 minutes have passed at the gateway', async () => {
    let clock = Date.now();
    const timed = await startHarness({ now: () => clock });
    try {
      // The caller's clock is 14 minutes ahead: its timestamp stays acceptable until gateway time + 29 minutes.
      const request = signRequest(`${timed.gateway.url}/members/m1`, 'wechat', {
        headers: { 'x-ca-timestamp': String(clock + 14 * 60_000) },
      });
      expect((await send(request)).status).toBe(200);
      clock += 16 * 60_000;
      await expectRefused('after 16 minutes', await send(request), 'nonce-used', 'Nonce Used');
      clock += 12 * 60_000;
      await expectRefused('after 28 minutes', await send(request), 'nonce-used', 'Nonce Used');
      clock += 2 * 60_000;
      await expectRefused('after 30 minutes', await send(request), 'timestamp-expired', 'Timestamp Expired');
      expect(timed.echoes.member.received).toHaveLength(1);
    } finally {
      await timed.stop();
    }
  });
});
