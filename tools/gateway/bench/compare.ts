/** One request measured straight to the instance and through the gateway, alternating runs. */
import type { FastSigner } from './fast-signer.js';
import { load, type LoadResult } from './load.js';

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  body?: string;
  path: (memberId: string) => string;
}

export interface Targets {
  direct: { url: string; pid: number };
  gateway: { url: string; pid: number; cpu(): Promise<number> };
  sign: FastSigner;
  /** Members the requests go round. */
  ids: string[];
  seconds: number;
  runs: number;
  connections: number;
}

/**
 * Two table rows (direct, then gateway) for a scenario: the median run by requests/s of each,
 * ratios against the direct one, CPU per request in µs.
 *
 * @example
 * rows.push(...(await compare({ name: 'GET /members/{id}', method: 'GET', path: (id) => `/members/${id}` }, targets)));
 */
export async function compare(scenario: Scenario, targets: Targets): Promise<string[][]> {
  let turn = 0;
  const unsigned = { 'x-retail-channel': 'app', ...(scenario.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const run = (through: 'direct' | 'gateway', seconds: number): Promise<LoadResult> =>
    load({
      origin: targets[through].url,
      method: scenario.method,
      ...(scenario.body === undefined ? {} : { body: scenario.body }),
      // The direct request is what the gateway would send the instance; the signed one is signed here, per request.
      next: () => {
        const path = scenario.path(targets.ids[turn++ % targets.ids.length]!);
        return { path, headers: through === 'direct' ? unsigned : targets.sign(scenario.method, path, scenario.body) };
      },
      seconds,
      connections: targets.connections,
      functionPid: targets[through].pid,
      ...(through === 'gateway' ? { gatewayCpu: () => targets.gateway.cpu() } : {}),
    });

  await run('direct', 1); // warm-up: JIT, connections, storage
  await run('gateway', 1);
  const direct: LoadResult[] = [];
  const gateway: LoadResult[] = [];
  for (let i = 0; i < targets.runs; i++) {
    direct.push(await run('direct', targets.seconds));
    gateway.push(await run('gateway', targets.seconds));
  }
  const base = medianRun(direct);
  const micros = (value: number | undefined) => (value === undefined ? '-' : Math.round(value).toString());
  return (
    [
      ['direct, unsigned', base],
      ['gateway, signed', medianRun(gateway)],
    ] as const
  ).map(([label, result]) => [
    scenario.name,
    label,
    Math.round(result.rps).toString(),
    result.p99.toFixed(1),
    (result.rps / base.rps).toFixed(2),
    (result.p99 / base.p99).toFixed(2),
    micros(result.functionCpu),
    micros(result.gatewayCpu),
    micros(result.loaderCpu),
  ]);
}

function medianRun(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
}
