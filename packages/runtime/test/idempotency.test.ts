import { manualClock, systemClock } from '@retail/core';
import { startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { createTablestoreClient, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { IsInt, Min } from 'class-validator';
import { pino } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeaderParam, Path, POST, Return } from 'typescript-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  Idempotent,
  idempotencyTable,
  TablestoreIdempotencyStore,
  type App,
  type RuntimeRequest,
} from '../src/index.js';
import { payloadHash as payloadHashOf } from '../src/idempotency/run-idempotent.js';

class PayBody {
  @IsInt() @Min(0) amount!: number;
}

/** Counts executions: the thing idempotency must keep at one. */
@Path('/payments')
class PaymentsController {
  executions = 0;

  @POST
  @Idempotent()
  async pay(body: PayBody, @HeaderParam('x-fail') fail?: string) {
    this.executions++;
    await sleep(100); // long enough for duplicates to arrive while the first runs
    if (fail === 'crash') throw new Error('downstream blew up');
    if (body.amount === 0) throw Object.assign(new Error('zero'), { statusCode: 409 });
    return new Return.NewResource(`/payments/p${this.executions}`, { paid: body.amount, execution: this.executions });
  }
}

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

function makeApp(controller: PaymentsController, options: { lockMs?: number; clock?: ReturnType<typeof manualClock> } = {}): App {
  return createApp({
    name: 'payments',
    controllers: [controller],
    logger: pino({ level: 'silent' }),
    idempotency: {
      store: new TablestoreIdempotencyStore(client, options.clock ?? systemClock),
      lockMs: options.lockMs ?? 30_000,
    },
  });
}

const post = (body: unknown, headers: Record<string, string>): RuntimeRequest => ({
  method: 'POST',
  path: '/payments',
  query: '',
  headers: { 'content-type': 'application/json', 'x-retail-channel': 'app', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});

describe('Idempotency-Key', () => {
  it('runs 10 concurrent duplicates exactly once and answers each with the first response', async () => {
    const controller = new PaymentsController();
    const app = makeApp(controller);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => app.handle(post({ amount: 500 }, { 'idempotency-key': 'k-concurrent' }))),
    );
    expect(controller.executions).toBe(1);
    for (const response of responses) {
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body)).toEqual({ paid: 500, execution: 1 });
      expect(response.headers.location).toBe('/payments/p1');
    }
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
  });

  it('replays later retries, refuses the key with another body, and scopes keys per channel', async () => {
    const controller = new PaymentsController();
    const app = makeApp(controller);
    await app.handle(post({ amount: 1 }, { 'idempotency-key': 'k-seq' }));
    const again = await app.handle(post({ amount: 1 }, { 'idempotency-key': 'k-seq' }));
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    const other = await app.handle(post({ amount: 2 }, { 'idempotency-key': 'k-seq' }));
    expect([other.status, JSON.parse(other.body).code]).toEqual([422, 'idempotency-key-reused']);
    const wechat = await app.handle(post({ amount: 1 }, { 'idempotency-key': 'k-seq', 'x-retail-channel': 'wechat' }));
    expect([wechat.status, wechat.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(controller.executions).toBe(2);
  });

  it('stores refusals below 500 and replays them; after a 5xx the retry runs again', async () => {
    const controller = new PaymentsController();
    const app = makeApp(controller);
    const refused = await app.handle(post({ amount: 0 }, { 'idempotency-key': 'k-409' }));
    const refusedAgain = await app.handle(post({ amount: 0 }, { 'idempotency-key': 'k-409' }));
    expect([refused.status, refusedAgain.status, refusedAgain.headers['idempotent-replayed']]).toEqual([409, 409, 'true']);
    expect(controller.executions).toBe(1);
    const crashed = await app.handle(post({ amount: 5 }, { 'idempotency-key': 'k-500', 'x-fail': 'crash' }));
    expect(crashed.status).toBe(500);
    const retried = await app.handle(post({ amount: 5 }, { 'idempotency-key': 'k-500' }));
    expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(controller.executions).toBe(3);
  });

  it('takes over a claim left in progress once the function timeout has passed, for the same body only', async () => {
    const clock = manualClock();
    const store = new TablestoreIdempotencyStore(client, clock);
    const request = post({ amount: 9 }, { 'idempotency-key': 'k-stuck' });
    // An instance that claimed the key for this request and died.
    const stuck = await store.begin('app|payments', 'k-stuck', payloadHashOf(request), 3000, 86_400_000);
    expect(stuck.state).toBe('started');
    const controller = new PaymentsController();
    const app = makeApp(controller, { lockMs: 3000, clock });
    const whileLocked = await app.handle(post({ amount: 9 }, { 'idempotency-key': 'k-stuck' }));
    expect([whileLocked.status, JSON.parse(whileLocked.body).code]).toEqual([409, 'idempotency-in-progress']);
    clock.advance(3001);
    const otherBody = await app.handle(post({ amount: 8 }, { 'idempotency-key': 'k-stuck' }));
    expect(otherBody.status).toBe(422); // the dead claim's payload differs: refused, nothing ran
    const afterTimeout = await app.handle(request);
    expect(afterTimeout.status).toBe(201);
    expect(controller.executions).toBe(1);
  });

  it('refuses unusable keys by name', async () => {
    const app = makeApp(new PaymentsController());
    const res = await app.handle(post({ amount: 1 }, { 'idempotency-key': 'has space' }));
    expect([res.status, JSON.parse(res.body).errors[0].field]).toEqual([400, 'Idempotency-Key']);
  });
});
