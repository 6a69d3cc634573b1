import { manualClock, type ManualClock } from '@retail/core';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { IsString } from 'class-validator';
import { pino } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { Context, GET, HeaderParam, Path, POST } from 'typescript-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadHash } from '../src/idempotency/run-idempotent.js';
import {
  createApp,
  Idempotent,
  idempotencyTable,
  RequestContext,
  TablestoreIdempotencyStore,
  type RuntimeRequest,
} from '../src/index.js';

// What a handler learns of its Idempotency-Key (RequestContext.idempotency): when the key was first
// claimed, kept across failed and dead attempts so that a retry can name its work the same way.

class ItemBody {
  @IsString() name!: string;
}

@Path('/items')
class ItemsController {
  executions = 0;

  @POST
  @Idempotent()
  async create(body: ItemBody, @Context ctx: RequestContext, @HeaderParam('x-fail') fail?: string) {
    this.executions++;
    await sleep(50); // duplicates arrive while it runs
    if (fail === 'throw') throw new Error('downstream blew up');
    if (fail === '503') throw Object.assign(new Error('busy'), { statusCode: 503 });
    return { name: body.name, attempt: ctx.idempotency ?? null, execution: this.executions };
  }

  @GET
  read(@Context ctx: RequestContext) {
    return { attempt: ctx.idempotency ?? null };
  }
}

const LOCK_MS = 10_000;
const TTL_MS = 86_400_000;
let ots: OtsLocal;
let client: TablestoreClient;
beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, log: () => {} });
  client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, [idempotencyTable]);
});
afterAll(async () => {
  client.close();
  await ots.stop();
});

function setup() {
  const clock: ManualClock = manualClock('2026-11-11T00:00:00Z');
  const controller = new ItemsController();
  const store = new TablestoreIdempotencyStore(client, clock);
  const app = createApp({
    name: 'items',
    controllers: [controller],
    logger: pino({ level: 'silent' }),
    idempotency: { store, lockMs: LOCK_MS, ttlMs: TTL_MS },
  });
  const call = async (key: string | undefined, headers: Record<string, string> = {}, name = 'milk') => {
    const response = await app.handle(post(key, headers, name));
    return { status: response.status, json: JSON.parse(response.body), replayed: response.headers['idempotent-replayed'] };
  };
  return { clock, controller, store, app, call, t0: clock.now() };
}

const post = (key: string | undefined, headers: Record<string, string>, name: string): RuntimeRequest => ({
  method: 'POST',
  path: '/items',
  query: '',
  headers: {
    'content-type': 'application/json',
    'x-retail-channel': 'app',
    ...(key ? { 'idempotency-key': key } : {}),
    ...headers,
  },
  body: Buffer.from(JSON.stringify({ name })),
});

describe('RequestContext.idempotency', () => {
  it('names the key, its scope and when it was first claimed; a first attempt is not resumed', async () => {
    const { call, t0 } = setup();
    const first = await call('a-1');
    expect([first.status, first.json.attempt]).toEqual([200, { key: 'a-1', scope: 'app|items', firstAt: t0, resumed: false }]);
  });

  it('is undefined without a key and on routes that are not idempotent', async () => {
    const { app, call } = setup();
    expect((await call(undefined)).json.attempt).toBeNull();
    const read = await app.handle({
      method: 'GET',
      path: '/items',
      query: '',
      headers: { 'idempotency-key': 'k' },
      body: undefined,
    });
    expect(JSON.parse(read.body)).toEqual({ attempt: null });
  });

  it('a claim released after a 5xx or a throw keeps firstAt: the retry resumes it', async () => {
    const { clock, call, t0 } = setup();
    expect((await call('r-1', { 'x-fail': '503' })).status).toBe(503);
    clock.advance(1_000);
    expect((await call('r-1', { 'x-fail': 'throw' })).status).toBe(500);
    clock.advance(1_000);
    const retried = await call('r-1');
    expect([retried.status, retried.replayed, retried.json.attempt]).toEqual([
      200,
      undefined,
      { key: 'r-1', scope: 'app|items', firstAt: t0, resumed: true },
    ]);
    const replayed = await call('r-1');
    expect([replayed.replayed, replayed.json]).toEqual(['true', retried.json]);
  });

  it('a released claim is still the first body: another body with the key is refused', async () => {
    const { call, controller } = setup();
    expect((await call('r-2', { 'x-fail': '503' })).status).toBe(503);
    const other = await call('r-2', {}, 'bread');
    expect([other.status, other.json.code]).toEqual([422, 'idempotency-key-reused']);
    expect(controller.executions).toBe(1);
  });

  it('a lapsed claim (its instance died) taken over keeps firstAt', async () => {
    const { clock, store, call, t0 } = setup();
    const dead = await store.begin('app|items', 'd-1', payloadHash(post('d-1', {}, 'milk')), LOCK_MS, TTL_MS);
    expect(dead).toMatchObject({ state: 'started', firstAt: t0, resumed: false });
    clock.advance(LOCK_MS + 1);
    const retried = await call('d-1');
    expect(retried.json.attempt).toEqual({ key: 'd-1', scope: 'app|items', firstAt: t0, resumed: true });
    // The dead instance's late release changes nothing: the record is the new attempt's.
    await store.release('app|items', 'd-1', dead.state === 'started' ? dead.token : '');
    expect((await call('d-1')).replayed).toBe('true');
  });

  it('a record past its TTL, completed or released, starts afresh with a new firstAt', async () => {
    const { clock, call, controller, t0 } = setup();
    expect((await call('t-1')).json.attempt.firstAt).toBe(t0);
    expect((await call('t-2', { 'x-fail': '503' })).status).toBe(503);
    clock.advance(TTL_MS + 1);
    const again = await call('t-1');
    const afterRelease = await call('t-2');
    for (const r of [again, afterRelease]) {
      expect([r.replayed, r.json.attempt.firstAt, r.json.attempt.resumed]).toEqual([undefined, t0 + TTL_MS + 1, false]);
    }
    expect(controller.executions).toBe(4);
  });

  it('concurrent duplicates still run once, on a new key and on a released one', async () => {
    const { call, controller, t0 } = setup();
    const fresh = await Promise.all(Array.from({ length: 8 }, () => call('c-1')));
    expect(controller.executions).toBe(1);
    expect(new Set(fresh.map((r) => JSON.stringify(r.json))).size).toBe(1);

    expect((await call('c-2', { 'x-fail': '503' })).status).toBe(503);
    const resumed = await Promise.all(Array.from({ length: 8 }, () => call('c-2')));
    expect(controller.executions).toBe(3);
    expect(resumed.filter((r) => r.replayed === undefined)).toHaveLength(1);
    for (const r of resumed)
      expect([r.status, r.json.attempt]).toEqual([200, { key: 'c-2', scope: 'app|items', firstAt: t0, resumed: true }]);
  });
});
