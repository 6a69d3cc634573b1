import { systemClock } from '@retail/core';
import { otsFaults, startOtsLocal, type OtsLocal } from '@retail/ots-local';
import { bindTable, createTablestoreClient, defineTable, ensureTables, type TablestoreClient } from '@retail/tablestore';
import { pino } from 'pino';
import { Path, POST } from 'typescript-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, idempotencyTable, Idempotent, TablestoreIdempotencyStore, type RuntimeRequest } from '../src/index.js';

// A write whose answer is lost (ots-local applies it, then resets the connection) reaches the
// runtime as an AmbiguousWriteError: the caller is told to retry, not that the function is broken.
const counters = defineTable({ name: 'counters', primaryKey: [{ name: 'id', type: 'string' }], columns: { n: 'integer' } });

@Path('/visits')
class VisitsController {
  constructor(private readonly table: ReturnType<typeof bindTable>) {}

  @POST
  @Idempotent()
  async visit() {
    return { n: Number(await this.table.increment({ id: 'visits' }, 'n', 1)) };
  }
}

let ots: OtsLocal;
let client: TablestoreClient;
beforeAll(async () => {
  ots = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
  client = createTablestoreClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  await ensureTables(client, [idempotencyTable, counters]);
});
afterAll(async () => {
  client.close();
  await ots.stop();
});

function visitsApp(lines: Array<Record<string, unknown>>) {
  return createApp({
    name: 'visits',
    controllers: [new VisitsController(bindTable(client, counters))],
    logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
    idempotency: { store: new TablestoreIdempotencyStore(client, systemClock), lockMs: 10_000 },
  });
}

const visit = (key: string): RuntimeRequest => ({
  method: 'POST',
  path: '/visits',
  query: '',
  headers: { 'x-retail-channel': 'app', 'idempotency-key': key },
  body: undefined,
});

describe('a storage write of unknown outcome', () => {
  it('is a retryable 503 storage-unavailable with Retry-After, logged as a warning, and the same key runs again', async () => {
    await otsFaults(ots.endpoint).set([{ fault: 'lose-response', operation: 'UpdateRow', table: 'counters', times: 1 }]);
    const lines: Array<Record<string, unknown>> = [];
    const app = visitsApp(lines);
    const request = visit('visit-1');

    const lost = await app.handle(request);
    expect(lost.status).toBe(503);
    expect(lost.headers).toMatchObject({
      'content-type': expect.stringContaining('application/problem+json'),
      'retry-after': '1',
    });
    expect(JSON.parse(lost.body)).toMatchObject({ status: 503, code: 'storage-unavailable' });
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'storage outcome unknown' })]);

    // Nothing was stored under the key: the retry runs. (The lost increment was applied; a counter
    // that money depends on moves through a hold instead, which a retry finds: decision 0007.)
    const retried = await app.handle(request);
    expect(retried.status).toBe(200);
    expect(JSON.parse(retried.body)).toEqual({ n: 2 });
  });

  it('after the work is done, a response that cannot be stored for replay is answered anyway, not turned into a 503', async () => {
    // The first write to the records table is the claim (a put); the second, refused throughout the
    // storage layer's retries, is storing the response.
    await otsFaults(ots.endpoint).set([
      { fault: 'error', error: 'OTSServerBusy', operation: 'UpdateRow', table: 'idempotency_records', times: 3 },
    ]);
    const lines: Array<Record<string, unknown>> = [];
    const app = visitsApp(lines);
    const before = Number((await bindTable(client, counters).get({ id: 'visits' }))?.n ?? 0);

    const done = await app.handle(visit('visit-2'));
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toEqual({ n: before + 1 });
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'idempotent response not stored; answered anyway' })]);
    // The claim still holds the key: a prompt retry is told to wait, and runs nothing.
    const retry = await app.handle(visit('visit-2'));
    expect(JSON.parse(retry.body)).toMatchObject({ status: 409, code: 'idempotency-in-progress' });
    expect(Number((await bindTable(client, counters).get({ id: 'visits' }))?.n)).toBe(before + 1);
  });
});
