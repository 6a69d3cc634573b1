/**
 * `pnpm --filter @retail/app-trading bench` (second half): order creation with 3 lines through the
 * trading app over HTTP (in this process) against ots-local in its own process, BENCH_CONCURRENCY
 * (50) requests in flight, for BENCH_SECONDS (5) in all, in 3 rounds alternating with the baseline
 * measured in the same run: the raw SDK's PutRow of an order-sized row at the same concurrency.
 * Prints orders/s, p50 and p99 of each (the median round) and the ratio. Every order must be
 * created (stock is ample); the run fails otherwise.
 */
import { defineTable } from '@retail/tablestore';
import { closedLoop, median, outcomes, poster, table, type Answer, type Run } from './measure.js';
import { rawSdk } from './raw-sdk.js';
import { startWorld } from './setup.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = 3;
const SKUS = 300;
const MEMBERS = 100;

const orderRows = defineTable({ name: 'bench_orders', primaryKey: [{ name: 'id', type: 'string' }] });
const world = await startWorld([orderRows]);
const memberIds = await world.members(MEMBERS);
const skus = Array.from({ length: SKUS }, (_, i) => `sku-${i}`);
const storeId = await world.store(Object.fromEntries(skus.map((sku) => [sku, 100_000_000])));
const post = poster(world.url, CONCURRENCY);
const sdk = rawSdk(world.config, 64);

/** Three distinct skus, 1 to 3 units each: orders spread over the store's rows as real baskets do. */
function basket(i: number): { sku: string; quantity: number }[] {
  const first = (i * 7919) % SKUS;
  return [0, 1, 2].map((k) => ({ sku: skus[(first + k * 101) % SKUS]!, quantity: 1 + ((i + k) % 3) }));
}

async function appRound(seconds: number): Promise<Run & { outcomes: Record<string, number> }> {
  const answers: Answer[] = [];
  const run = await closedLoop(CONCURRENCY, seconds, async (i) => {
    answers.push(await post('/orders', { memberId: memberIds[i % MEMBERS], storeId, items: basket(i) }));
  });
  const counted = outcomes(answers);
  if (counted['201'] !== answers.length) throw new Error(`ORDER CREATION FAILED: outcomes ${JSON.stringify(counted)}`);
  return { ...run, outcomes: counted };
}

let puts = 0;
function baselineRound(seconds: number): Promise<Run> {
  return closedLoop(CONCURRENCY, seconds, (i) =>
    sdk.put(
      orderRows.name,
      { id: `o${puts++}` },
      {
        memberId: memberIds[i % MEMBERS]!,
        storeId,
        items: JSON.stringify(basket(i)),
        total: 2970,
        status: 'pending-payment',
      },
    ),
  );
}

await baselineRound(0.5); // warm-up: sockets, JIT
await appRound(0.5);
const apps: Awaited<ReturnType<typeof appRound>>[] = [];
const baselines: Run[] = [];
for (let round = 0; round < ROUNDS; round++) {
  baselines.push(await baselineRound(SECONDS / ROUNDS));
  apps.push(await appRound(SECONDS / ROUNDS));
}
const [base, app] = [median(baselines), median(apps)];
const fmt = (r: Run) => [String(r.answered), Math.round(r.perSecond).toString(), r.p50Ms.toFixed(1), r.p99Ms.toFixed(1)];
process.stdout.write(
  `\norder creation, 3 lines each: ${CONCURRENCY} in flight, ${ROUNDS} rounds of ${(SECONDS / ROUNDS).toFixed(1)} s, ` +
    `median round; every order 201\n\n` +
    table(
      ['operation', 'done', 'per second', 'p50 ms', 'p99 ms', 'ratio'],
      [
        ['PutRow of an order-sized row (raw SDK)', ...fmt(base), '1.00'],
        ['POST /orders, 3 lines (trading app, HTTP)', ...fmt(app), (app.perSecond / base.perSecond).toFixed(2)],
      ],
    ) +
    '\n\nAn order is about 9 storage requests (member and store reads, one batch read of the offers, the deadline row,\n' +
    'three stock holds, the order row and its index row), two to three rounds of them in sequence.\n',
);
await world.stop();
