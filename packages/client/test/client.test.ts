/** The typed client through the real local gateway to the real member function, signed as dev channel apps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConflict, isNotFound, isProblem, isThrottled, isValidationFailed, ProblemError, type Member } from '../src/index.js';
import { startPlatform, type Platform } from './support/platform.js';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

async function refusal(call: Promise<unknown>): Promise<ProblemError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('members through the gateway', () => {
  let member: Member;

  it('registers, reads, finds by phone and updates a member, with accepted signatures', async () => {
    const pos = platform.client('pos');
    member = await pos.members.register({ phone: '13600000001', name: 'Client Test', birthday: '1990-02-03' });
    expect(member).toMatchObject({ phone: '13600000001', registeredChannel: 'pos', level: 'regular', points: 0 });
    const wechat = platform.client('wechat');
    expect(await wechat.members.get(member.id)).toEqual(member);
    expect(await wechat.members.findByPhone('13600000001')).toEqual(member);
    const updated = await wechat.members.update(member.id, { name: 'Renamed', birthday: null });
    expect(updated).toMatchObject({ id: member.id, name: 'Renamed', birthday: null });
  });

  it('changes points idempotently and lists the ledger', async () => {
    const app = platform.client('app');
    const first = await app.members.changePoints(
      member.id,
      { delta: 1200, reason: 'order ord_1' },
      { idempotencyKey: 'client-1' },
    );
    const replay = await app.members.changePoints(
      member.id,
      { delta: 1200, reason: 'order ord_1' },
      { idempotencyKey: 'client-1' },
    );
    expect(replay).toEqual(first);
    expect(first.balance).toBe(1200);
    const reused = await refusal(
      app.members.changePoints(member.id, { delta: 5, reason: 'other' }, { idempotencyKey: 'client-1' }),
    );
    expect(reused).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    const page = await app.members.listPoints(member.id, { limit: 10 });
    expect(page.items.map((entry) => entry.delta)).toEqual([1200]);
    expect(page.nextCursor).toBeNull();
    expect((await app.members.get(member.id)).level).toBe('silver');
  });

  it('turns domain refusals into typed problems', async () => {
    const wechat = platform.client('wechat');
    const taken = await refusal(wechat.members.register({ phone: '13600000001', name: 'Again' }));
    expect(isConflict(taken, 'phone-taken')).toBe(true);
    expect(isConflict(taken, 'sold-out')).toBe(false);
    expect(taken).toMatchObject({ status: 409, code: 'phone-taken', fromGateway: false });
    expect(taken.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(taken.message).toContain(taken.requestId);

    const spend = await refusal(wechat.members.changePoints(member.id, { delta: -1_000_000, reason: 'too much' }));
    expect(isConflict(spend, 'insufficient-points')).toBe(true);

    const missing = await refusal(wechat.members.findByPhone('13600000999'));
    expect(isNotFound(missing)).toBe(true);
    expect(missing.code).toBe('not-found');

    const invalid = await refusal(wechat.members.register({ phone: '123', name: '' }));
    expect(isValidationFailed(invalid)).toBe(true);
    expect(invalid.errors.map((problem) => problem.field).sort()).toEqual(['name', 'phone']);
  });
});

describe("the gateway's refusals, typed", () => {
  it('a wrong secret is an invalid signature, refused by the gateway', async () => {
    const forged = await refusal(platform.client('wechat', 'not-the-secret-0123456789').members.get('mem_x'));
    expect(forged).toMatchObject({ status: 400, code: 'invalid-signature', fromGateway: true, gatewayErrorCode: 'A403IS' });
    expect(isProblem(forged, 'invalid-signature')).toBe(true);
  });

  it('a non-admin channel on an admin endpoint is unauthorized; the admin channel changes limits', async () => {
    expect(await refusal(platform.client('web').gateway.listChannels())).toMatchObject({ status: 403, code: 'unauthorized' });
    const admin = platform.client('admin');
    expect((await admin.gateway.listChannels()).items.map((item) => item.channel)).toContain('web');
    expect(await admin.gateway.setThrottle('web', { rps: 1, burst: 1 })).toEqual({ channel: 'web', rps: 1, burst: 1 });
    expect(isNotFound(await refusal(admin.gateway.setThrottle('nobody', { rps: 1, burst: 1 })))).toBe(true);
  });

  it('throttling is a typed problem with Retry-After', async () => {
    const web = platform.client('web'); // limited to 1 request/s, burst 1, by the test before
    const outcomes = await Promise.allSettled([web.members.findByPhone('13600000001'), web.members.findByPhone('13600000001')]);
    const throttled = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(throttled).toBeDefined();
    const error = (throttled as PromiseRejectedResult).reason as unknown;
    expect(isThrottled(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, gatewayMessage: 'Throttled by APP Flow Control' });
    expect((error as ProblemError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await platform.client('admin').gateway.setThrottle('web', { rps: 100, burst: 200 });
  });

  it('a function that is not running here is a gateway problem, not a hang', async () => {
    const down = await refusal(platform.client('wechat').stores.get('sto_1'));
    expect(down).toMatchObject({ status: 503, code: 'function-unavailable', fromGateway: true });
  });

  it('reads health and the merged OpenAPI document without a signature', async () => {
    const client = platform.client('wechat');
    expect(await client.gateway.health()).toMatchObject({ functions: { member: 'ready' } });
    const document = await client.gateway.openapi();
    expect(Object.keys(document.paths as object)).toContain('/members/{id}/points');
    expect(await client.gateway.metrics()).toContain('retail_requests_total');
  });
});
