/**
 * Flow control end to end: an operator throttles one channel at run time while its traffic floods
 * in; another channel calling the same function at the same moment is served in full.
 */
import type { ClientError } from 'aliyun-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, refusedCall, signedFetch } from '../support/harness.js';
import {
  scrape,
  seriesValue,
  startMemberGateway,
  startMemberStorage,
  type MemberGateway,
  type MemberStorage,
} from '../support/member-function.js';

const ROUNDS = 5;
const PER_ROUND = 20;

let storage: MemberStorage;
let member: MemberGateway;
let url: string;
let memberId: string;

beforeAll(async () => {
  storage = await startMemberStorage();
  member = await startMemberGateway(storage, { provisioned: 1, maxInstances: 1 });
  url = member.gateway.url;
  const created = (await clientFor('app').post(`${url}/members`, { data: { phone: '13700000201', name: 'Flow' } })) as {
    id: string;
  };
  memberId = created.id;
});
afterAll(async () => {
  await member?.stop();
  await storage?.stop();
});

/** One outcome of a call: the status, and for a refusal what a client reads to back off. */
interface Outcome {
  status: number;
  retryAfter: string | undefined;
  message: string | undefined;
  code?: string;
  id?: string;
}

/** A pos call, half of them with the official client (which throws on a refusal), half raw. */
async function posCall(official: boolean): Promise<Outcome> {
  if (official) {
    try {
      const body = (await clientFor('pos').get(`${url}/members/${memberId}`)) as { id: string };
      return { status: 200, retryAfter: undefined, message: undefined, id: body.id };
    } catch (error) {
      const { code, data } = error as ClientError;
      return { status: code, retryAfter: data.headers['retry-after'], message: data.headers['x-ca-error-message'] };
    }
  }
  return rawCall('pos');
}

async function rawCall(channel: string): Promise<Outcome> {
  const response = await signedFetch(`${url}/members/${memberId}`, channel);
  const body = (await response.json()) as { id?: string; code?: string };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after') ?? undefined,
    message: response.headers.get('x-ca-error-message') ?? undefined,
    code: body.code,
    id: body.id,
  };
}

describe('a channel throttled at run time', () => {
  it('floods into 429s with Retry-After while another channel is served in full at the same time', async () => {
    const admin = clientFor('admin');
    await expect(admin.put(`${url}/_gateway/channels/pos/throttle`, { data: { rps: 1, burst: 1 } })).resolves.toEqual({
      channel: 'pos',
      rps: 1,
      burst: 1,
    });
    // Another channel may not lift it.
    const { status } = await refusedCall(
      clientFor('wechat').put(`${url}/_gateway/channels/pos/throttle`, { data: { rps: 100, burst: 200 } }),
    );
    expect(status).toBe(403);

    const pos: Outcome[] = [];
    const wechat: Outcome[] = [];
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const calls = Array.from({ length: PER_ROUND }, (_, i) => i);
      const [posRound, wechatRound] = await Promise.all([
        Promise.all(calls.map((i) => posCall(i % 2 === 0))),
        Promise.all(calls.map(() => rawCall('wechat'))),
      ]);
      pos.push(...posRound);
      wechat.push(...wechatRound);
    }
    const elapsedSeconds = (performance.now() - started) / 1000;

    // The other channel: every request reached the function and got the member.
    expect(wechat.map((outcome) => outcome.status)).toEqual(Array(ROUNDS * PER_ROUND).fill(200));
    expect(wechat.every((outcome) => outcome.id === memberId)).toBe(true);

    // The throttled channel: a token bucket of burst 1 and 1 token a second admits no more than
    // 1 + the seconds the flood lasted; everything else is a 429 that says when to come back.
    const admitted = pos.filter((outcome) => outcome.status === 200);
    const throttled = pos.filter((outcome) => outcome.status === 429);
    expect(admitted.length + throttled.length).toBe(ROUNDS * PER_ROUND);
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(admitted.length).toBeLessThanOrEqual(1 + Math.ceil(elapsedSeconds));
    expect(admitted.every((outcome) => outcome.id === memberId)).toBe(true);
    for (const outcome of throttled) {
      expect(outcome.message).toBe('Throttled by APP Flow Control');
      expect(Number(outcome.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(Number(outcome.retryAfter))).toBe(true);
    }
    expect(throttled.filter((outcome) => outcome.code !== undefined).every((outcome) => outcome.code === 'throttled')).toBe(true);

    const text = await scrape(member.gateway);
    expect(seriesValue(text, 'retail_throttled_total{channel="pos"}')).toBe(throttled.length);
    expect(seriesValue(text, 'retail_throttled_total{channel="wechat"}')).toBeUndefined();
    expect(seriesValue(text, 'retail_requests_total{function="member",route="/members",channel="wechat",status="200"}')).toBe(
      ROUNDS * PER_ROUND,
    );
    expect(seriesValue(text, 'retail_requests_total{function="member",route="/members",channel="pos",status="429"}')).toBe(
      throttled.length,
    );

    const { items } = (await admin.get(`${url}/_gateway/channels`)) as { items: Array<{ channel: string }> };
    expect(items.find((item) => item.channel === 'pos')).toMatchObject({ rps: 1, burst: 1 });
    expect(items.find((item) => item.channel === 'wechat')).toMatchObject({ rps: 200, burst: 400 });
  });

  it('is served again once the operator lifts the limit, without a restart', async () => {
    const admin = clientFor('admin');
    await expect(admin.put(`${url}/_gateway/channels/pos/throttle`, { data: { rps: 100, burst: 200 } })).resolves.toEqual({
      channel: 'pos',
      rps: 100,
      burst: 200,
    });
    // The bucket refills at the new rate from what was left (README, Flow control): the channel
    // is admitted again as soon as a token is back.
    let outcome = await rawCall('pos');
    for (let tries = 0; outcome.status === 429 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      outcome = await rawCall('pos');
    }
    expect(outcome).toMatchObject({ status: 200, id: memberId });
  });
});
