import { isProblem, type Order, type Page } from '@retail/client';
import { idempotencyTable } from '@retail/runtime';
import { bindStoresTables } from '@retail/stores';
import { bindTable } from '@retail/tablestore';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFixtures,
  FAULT_CLASSES,
  fireJobs,
  runPhase,
  startChaosPlatform,
  Tally,
  withRetries,
  WINDOWS,
  writeReport,
  type ChaosPlatform,
  type PhaseReport,
} from '../src/index.js';

// The whole platform as `pnpm dev` runs it (ots-local, the four functions as FC-style instances,
// the gateway), driven through the gateway with @retail/client while faults are switched on.
const OUTPUT = join(import.meta.dirname, '..', 'test-output');
let platform: ChaosPlatform;
const reports: PhaseReport[] = [];

beforeAll(async () => {
  platform = await startChaosPlatform();
});

afterAll(async () => {
  if (reports.length > 0) {
    const table = await writeReport(OUTPUT, reports, { windows: WINDOWS });
    process.stdout.write(`\nchaos: ${join(OUTPUT, 'chaos-report.json')}\n${table}\n`);
  }
  await platform?.stop();
});

const until = async (condition: () => Promise<boolean>) => {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('an instance killed in the middle of POST /orders', () => {
  it('holds the Idempotency-Key until the function timeout, then the retry makes exactly one order and the half-made one is undone', async () => {
    const fixtures = await createFixtures(platform, 0, 60);
    const memberId = fixtures.memberIds[0]!;
    const retail = platform.shoppers[0]!;
    const input = { memberId, storeId: fixtures.storeId, items: [{ sku: 'rice-5kg', quantity: 2 }] };
    const idempotencyKey = 'kill-mid-order';

    // The order's stock hold reaches storage and waits there; the instance dies meanwhile.
    await platform.ots.set([{ id: 'slow-hold', fault: 'latency', operation: 'UpdateRow', table: 'inventory', ms: 3000 }]);
    const first = retail.orders.create(input, { idempotencyKey }).catch((error: unknown) => error);
    await until(async () => ((await platform.ots.stats())['slow-hold']?.fired ?? 0) >= 1);
    await platform.adminTransport.call('POST', '/_gateway/functions/trading/kill', { body: { instances: 'all' } });
    const failed = await first;
    expect(isProblem(failed, 'upstream-unreachable')).toBe(true);
    await platform.ots.clear();

    // The dead instance's claim stays in progress: a retry now is told so, not run twice.
    const records = bindTable(platform.storage, idempotencyTable);
    const record = await records.get({ scope: 'wechat|trading', key: idempotencyKey });
    expect(record).toMatchObject({ status: 'in-progress' });
    const tooSoon = await retail.orders.create(input, { idempotencyKey }).catch((error: unknown) => error);
    expect(isProblem(tooSoon, 'idempotency-in-progress')).toBe(true);

    // After the function's timeout the claim lapses and the same key runs once more.
    const tally = new Tally();
    const retried = await withRetries(tally, () => retail.orders.create(input, { idempotencyKey }));
    expect(retried.ok).toBe(true);
    expect(Date.now()).toBeGreaterThan(Number(record!.lockedUntil));
    const order = (retried as { value: Order }).value;
    const replay = await retail.transport.send('POST', '/orders', { body: input, idempotencyKey });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((replay.body as Order).id).toBe(order.id);
    const listed = await retail.transport.call<Page<Order>>('GET', '/orders', { query: { memberId } });
    expect(listed.items.map((item) => item.id)).toEqual([order.id]);

    // The dead attempt held 2 units too. They come back exactly once: the retry gives them back when
    // it finds that attempt's payment window passed and makes the successor order (decision 0011),
    // else the expiry job does at the deadline.
    await retail.orders.pay(order.id, { paymentRef: 'kill-test', amount: order.total }, { idempotencyKey: 'kill-test-pay' });
    await new Promise((resolve) => setTimeout(resolve, WINDOWS.paymentSeconds * 1000));
    const [, expiry] = await fireJobs(platform.dev, 1);
    expect(expiry?.body).toMatchObject({ ok: true });
    const rice = await bindStoresTables(platform.storage).inventory.get(
      { storeId: fixtures.storeId, sku: 'rice-5kg' },
      { columns: ['available', 'held', 'sold'] },
    );
    expect(rice).toMatchObject({ available: fixtures.stocked['rice-5kg']! - 2, held: 0, sold: 2 });
  });
});

describe('each fault class in turn, then recovery, then every invariant', () => {
  it.each(FAULT_CLASSES.map((fault, index) => [fault.name, fault, index + 1] as const))('%s', async (_name, fault, phase) => {
    const report = await runPhase(platform, fault, phase, { seconds: 12, users: 10 });
    reports.push(report);
    expect(report.faultsFired).toBeGreaterThan(0);
    expect(report.operations.gaveUp).toBe(0);
    // No fault reached a caller as a masked defect: busy storage and unknown outcomes are 503s.
    expect(report.functionLog['unhandled error']).toBe(0);
    expect(report.checks.filter((result) => !result.passed)).toEqual([]);
  });
});
