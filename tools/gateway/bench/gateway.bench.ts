/**
 * `pnpm --filter @retail/gateway bench`: what the local gateway costs, against the same member
 * function instance called directly, measured in the same run (ots-local in its own process):
 * - a signed GET /members/{id} and a signed POST /members/{id}/points through the gateway (in a
 *   process of its own, a FunctionPool of one instance of the member bundle) against the same
 *   requests, unsigned, straight to one custom-runtime instance of the same bundle: requests/s,
 *   p99, and CPU per request of the function, the gateway and the load generator (which signs with
 *   a fast path: see fast-signer.ts); autocannon -c 50, median of 3 runs, direct and gateway
 *   alternating;
 * - cold start: a first request through the gateway to a function with no instance, until its
 *   200, against spawning the bundle until its first 200.
 * Nothing is asserted. Env: BENCH_SECONDS per run (default 3), BENCH_COLD_STARTS (default 10),
 * BENCH_PROFILE_DIR (a .cpuprofile of the gateway process is written there).
 */
import { join } from 'node:path';
import { devChannels } from '@retail/gateway';
import { coldStarts } from './cold-start.js';
import { compare, type Scenario } from './compare.js';
import { checkAgainstGateway, fastSigner } from './fast-signer.js';
import { spawnDirect, startGatewayProcess } from './processes.js';
import { registerMembers, startStorage } from './storage.js';
import { printTable } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 10);
const RUNS = 3;
const CONNECTIONS = 50;
const memberApp = join(import.meta.dirname, '..', '..', '..', 'apps', 'member');

// Whatever fails, every process started here is stopped (last started, first stopped).
const stops: Array<() => Promise<void>> = [];
try {
  const storage = await startStorage(memberApp);
  stops.push(() => storage.stop());
  const gatewayProcess = startGatewayProcess(join(import.meta.dirname, 'gateway-process.ts'));
  stops.push(() => gatewayProcess.close());
  const direct = await spawnDirect(memberApp, storage.env);
  stops.push(() => direct.stop());
  const warm = await gatewayProcess.start(storage.env, 1);
  // Many members: a points POST is queued per member inside an instance, so the load spreads.
  const ids = await registerMembers(direct.url, 200);

  const app = devChannels().app!;
  const sign = fastSigner(app.appKey, app.appSecret, `bench-${process.pid}`);
  const points = JSON.stringify({ delta: 1, reason: 'bench' });
  checkAgainstGateway(sign, app.appSecret, `/members/${ids[0]}`);
  checkAgainstGateway(sign, app.appSecret, `/members/${ids[0]}/points`, points);
  const scenarios: Scenario[] = [
    { name: 'GET /members/{id}', method: 'GET', path: (id) => `/members/${id}` },
    { name: 'POST /members/{id}/points', method: 'POST', body: points, path: (id) => `/members/${id}/points` },
  ];
  const targets = {
    direct,
    gateway: { ...warm, cpu: () => gatewayProcess.cpu() },
    sign,
    ids,
    seconds: SECONDS,
    runs: RUNS,
    connections: CONNECTIONS,
  };
  const rows: string[][] = [];
  for (const scenario of scenarios) rows.push(...(await compare(scenario, targets)));

  const cold = await coldStarts({
    appDir: memberApp,
    env: storage.env,
    gateway: gatewayProcess,
    sign,
    path: `/members/${ids[0]}`,
    runs: COLD_STARTS,
  });

  process.stdout.write(
    `\ngateway benchmark: the member bundle, one instance (instanceConcurrency 50), direct or behind the gateway;` +
      ` autocannon -c ${CONNECTIONS}, ${SECONDS}s x ${RUNS} (median by req/s); CPU in µs per request\n\n`,
  );
  printTable(
    ['request', 'to the instance', 'req/s', 'p99 ms', 'req/s ratio', 'p99 ratio', 'function CPU', 'gateway CPU', 'load gen CPU'],
    rows,
  );
  process.stdout.write(`\ncold start as a caller sees it, median of ${COLD_STARTS}\n\n`);
  printTable(
    ['cold start', 'ms', 'ratio'],
    [
      ['spawn the bundle -> its first 200 (direct)', cold.direct.toFixed(0), '1.00'],
      [
        'first request through the gateway, no instance yet -> 200',
        cold.gateway.toFixed(0),
        (cold.gateway / cold.direct).toFixed(2),
      ],
    ],
  );
} finally {
  for (const stop of stops.reverse()) await stop();
}
