/**
 * `pnpm --filter @retail/app-coupons bench`: a coupon grab. A campaign of BENCH_UNITS (1000)
 * coupons and BENCH_CLAIMERS (5000) distinct members claiming at the same moment, through the
 * coupons app over HTTP (in this process, 256 keep-alive connections), against ots-local in its own process. Prints coupons
 * issued (must be exactly the campaign's total), claims answered per second and p99, beside the
 * baseline measured in the same run: the same crowd doing one conditional decrement each on a
 * single row of ots-local through the SDK (`tryDecrement`). Rounds repeat until BENCH_SECONDS (5)
 * of grabbing were measured (at least one, at most 5); the median round is printed.
 */
import 'reflect-metadata';
import { newId, systemClock } from '@retail/core';
import { MemberService, memberTables } from '@retail/member';
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal } from '@retail/ots-local';
import { createLogger } from '@retail/runtime';
import { bindTable, createTablestoreClient, defineTable, ensureTables } from '@retail/tablestore';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { couponsFunctionTables, createCouponsApp } from '../src/app.js';
import { burst, poster, table, type Burst } from './grab.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const CLAIMERS = Number(process.env.BENCH_CLAIMERS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 256;
const MAX_ROUNDS = 5;

const ots = await spawnOtsLocal({ memory: true });
const config = {
  endpoint: ots.endpoint,
  instanceName: DEV_INSTANCE,
  accessKeyId: DEV_ACCESS_KEY_ID,
  accessKeySecret: DEV_ACCESS_KEY_SECRET,
};
const counters = defineTable({
  name: 'bench_counters',
  primaryKey: [{ name: 'id', type: 'string' }],
  columns: { available: 'integer' },
});
const client = createTablestoreClient(config); // the function's defaults: 64 keep-alive sockets, 3 s timeout
await ensureTables(client, [...couponsFunctionTables, ...memberTables, counters]);

// Outside the measure: the members who will claim.
process.stdout.write(`registering ${CLAIMERS} members...\n`);
const members = new MemberService({ client, clock: systemClock });
const memberIds: string[] = [];
for (let i = 0; i < CLAIMERS; i += 100) {
  const batch = Array.from({ length: Math.min(100, CLAIMERS - i) }, (_, j) =>
    members.register({ phone: `13${String(i + j).padStart(9, '0')}`, name: 'Grabber', channel: 'app' }),
  );
  memberIds.push(...(await Promise.all(batch)).map((m) => m.id));
}

const fn = createCouponsApp({
  client,
  functionTimeoutMs: 10_000,
  logger: createLogger({ functionName: 'coupons', level: 'silent' }),
});
const server = createServer(fn.app.listener);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
// Every claimer is sent at once; they reach the function over a bounded pool of connections, as
// through a gateway (5000 simultaneous connects would overflow the listen backlog instead).
const post = poster(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, CONNECTIONS);

/** The baseline: every claimer decrements one row once, guarded (`available >= 1`). */
async function decrementRound(): Promise<Burst> {
  const row = bindTable(client, counters);
  const key = { id: newId('bench') };
  await row.put({ ...key, available: UNITS });
  const { results, stats } = await burst(CLAIMERS, () => row.tryDecrement(key, 'available', 1));
  const taken = results.filter((r) => r.ok).length;
  if (taken !== UNITS) throw new Error(`baseline: ${taken} decrements succeeded, expected ${UNITS}`);
  return stats;
}

/** The grab: a fresh campaign, every member claims once at the same moment. */
async function grabRound(): Promise<Burst & { issued: number; outcomes: Record<string, number> }> {
  const now = Date.now();
  const campaign = await fn.coupons.createCampaign({
    name: 'Grab',
    kind: 'amount-off',
    value: 500,
    minSpend: 0,
    total: UNITS,
    perMemberLimit: 1,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
  });
  const { results, stats } = await burst(CLAIMERS, (i) =>
    post(`/coupon-campaigns/${campaign.id}/claims`, { memberId: memberIds[i] }),
  );
  const outcomes: Record<string, number> = {};
  for (const r of results) outcomes[r.code ?? String(r.status)] = (outcomes[r.code ?? String(r.status)] ?? 0) + 1;
  const { remaining } = await fn.coupons.getCampaign(campaign.id);
  const issued = outcomes['201'] ?? 0;
  if (issued !== UNITS || remaining !== 0)
    throw new Error(`grab: ${issued} coupons issued, ${remaining} left; expected ${UNITS} and 0`);
  return { ...stats, issued, outcomes };
}

const median = <T extends { perSecond: number }>(runs: T[]): T =>
  [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!;
await decrementRound(); // warm-up: sockets, JIT
const grabs: Awaited<ReturnType<typeof grabRound>>[] = [];
const baselines: Burst[] = [];
let measured = 0;
while (grabs.length < MAX_ROUNDS && (grabs.length === 0 || measured < SECONDS * 1000)) {
  baselines.push(await decrementRound());
  const grab = await grabRound();
  grabs.push(grab);
  measured += grab.wallMs;
}
const [base, grab] = [median(baselines), median(grabs)];
const fmt = (b: Burst) => [Math.round(b.perSecond).toString(), b.p50Ms.toFixed(0), b.p99Ms.toFixed(0), b.wallMs.toFixed(0)];
process.stdout.write(
  `\ncoupon grab: ${CLAIMERS} members at once for ${UNITS} coupons, median of ${grabs.length} round(s); ` +
    `outcomes ${JSON.stringify(grab.outcomes)}\n\n` +
    table(
      ['burst', 'answered/s', 'p50 ms', 'p99 ms', 'wall ms', 'issued', 'ratio'],
      [
        ['conditional decrement, one row (SDK)', ...fmt(base), String(UNITS), '1.00'],
        [
          'claims through the coupons app (HTTP)',
          ...fmt(grab),
          String(grab.issued),
          (grab.perSecond / base.perSecond).toFixed(2),
        ],
      ],
    ) +
    '\n',
);
server.close();
client.close();
await ots.stop();
