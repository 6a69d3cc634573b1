/**
 * `pnpm bench`: requests/s, p99 and server CPU per request of the same GET and POST endpoints
 * served by
 *   - raw:     plain node:http, the same JSON, routing and (POST) body checks written by hand;
 *   - runtime: @retail/runtime's createApp over typescript-rest controllers (routing, parameters,
 *              class-validator DTO, access log on, metrics, request ids, error mapping);
 *   - stock:   typescript-rest's own Express path with the same controllers (for context).
 * Each server runs alone in its own child process (one instance, like one FC instance); autocannon
 * drives it from this process. Ratios are against raw in the same run; nothing is asserted.
 *
 * Env: BENCH_SECONDS (per measured run, default 3); BENCH_RUNS (measured runs per cell, default
 * 3); BENCH_PROFILE=raw|runtime|stock writes a .cpuprofile of that server into bench/;
 * BENCH_ONLY=GET|POST measures one scenario only; BENCH_DIAG=1 adds the runtime with its logger
 * changed (not what ships: to show where time goes); BENCH_QUIET=1 waits for a quiet machine
 * before each run and measures disturbed runs again (see quiet.ts).
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BAD_ORDER_BODIES, MEMBER_ID, ORDER_BODY } from './domain.js';
import { machineCpuSeconds, processCpuSeconds } from './process-cpu.js';
import { DISTURBED, QUIET, quiet, RETRIES } from './quiet.js';
import type { ParentMessage, ServerMessage } from './serve.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = Math.min(2, SECONDS);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = 50;
const PROFILE = process.env.BENCH_PROFILE;
const ONLY = process.env.BENCH_ONLY;

const build = dirname(fileURLToPath(import.meta.url)); // bench/.build
const benchDir = dirname(build);
const packageDir = dirname(benchDir);

type Kind = 'raw' | 'runtime' | 'stock' | 'runtime-sonic' | 'runtime-no-log';
const DIAG = process.env.BENCH_DIAG === '1';
const KINDS: Kind[] = DIAG ? ['raw', 'runtime', 'runtime-sonic', 'runtime-no-log', 'stock'] : ['raw', 'runtime', 'stock'];
const SERVERS: Record<Kind, { label: string; entry: string; env?: Record<string, string> }> = {
  raw: { label: 'raw node:http', entry: 'server-raw.js' },
  runtime: { label: '@retail/runtime', entry: 'server-runtime.js' },
  'runtime-sonic': {
    label: "diag: runtime, lines through pino's async sonic-boom",
    entry: 'server-runtime.js',
    env: { BENCH_LOGGER: 'sonic' },
  },
  'runtime-no-log': { label: 'diag: runtime, no access log', entry: 'server-runtime.js', env: { BENCH_LOGGER: 'no-access-log' } },
  stock: { label: 'stock typescript-rest + Express', entry: 'server-stock.js' },
};

interface Server {
  kind: Kind;
  child: ChildProcess;
  pid: number;
  url: string;
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
}

// What API Gateway sends along: a request id and the calling channel.
const GATEWAY_HEADERS = { 'x-ca-request-id': 'bench-0001', 'x-retail-channel': 'wechat' };
const SCENARIOS: Scenario[] = [
  { name: 'GET /members/:id', method: 'GET', path: `/members/${MEMBER_ID}`, headers: GATEWAY_HEADERS, status: 200 },
  {
    name: 'POST /orders (DTO, 3 items)',
    method: 'POST',
    path: '/orders',
    headers: { ...GATEWAY_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify(ORDER_BODY),
    status: 201,
  },
];

interface Run {
  requestsPerSecond: number;
  p99Ms: number;
  cpuMicrosPerRequest: number | undefined;
  cpuShare: number | undefined;
  /** This process (autocannon), in cores. */
  generatorShare: number;
  /** Everything else on the machine (other processes, the kernel's idle-time work), in cores. */
  otherShare: number | undefined;
}

async function start(kind: Kind): Promise<Server> {
  const execArgv = PROFILE === kind ? ['--cpu-prof', `--cpu-prof-dir=${benchDir}`] : [];
  // stdout (where the runtime's buffered log lines go) is /dev/null: logging stays on.
  const spec = SERVERS[kind];
  const child = fork(join(build, spec.entry), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv,
    env: { ...process.env, ...spec.env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start in 20 s`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
    child.on('message', (message: ServerMessage) => {
      if (message.type !== 'listening') return;
      clearTimeout(timer);
      resolve(message.port);
    });
  });
  return { kind, child, pid: child.pid!, url: `http://127.0.0.1:${port}` };
}

function ask(server: Server, message: ParentMessage & { type: 'stats' }): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (reply: ServerMessage) => {
      if (reply.type !== 'stats') return;
      server.child.off('message', listener);
      resolve(reply.stats);
    };
    server.child.on('message', listener);
    server.child.send(message);
  });
}

async function stop(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.send({ type: 'stop' } satisfies ParentMessage);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Same answers everywhere, bad bodies refused everywhere, and the runtime sees the DTO type. */
async function sanityCheck(servers: Server[]): Promise<string[]> {
  const failures: string[] = [];
  const seen = new Map<string, string>();
  const same = (what: string, kind: Kind, value: string) => {
    const first = seen.get(what);
    if (first === undefined) seen.set(what, value);
    else if (first !== value) failures.push(`${kind}: ${what} differs from raw: ${value} vs ${first}`);
  };
  for (const server of servers) {
    for (const scenario of SCENARIOS) {
      const response = await fetch(server.url + scenario.path, {
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
      });
      const text = await response.text();
      if (response.status !== scenario.status)
        failures.push(`${server.kind}: ${scenario.name} answered ${response.status}: ${text.slice(0, 200)}`);
      same(`${scenario.name} body`, server.kind, text);
      same(`${scenario.name} location`, server.kind, String(response.headers.get('location')));
      same(`${scenario.name} content-type`, server.kind, String(response.headers.get('content-type')?.split(';')[0]));
      // The baseline does a real handler's work on the response too: the same header lines, the same framing.
      if (server.kind !== 'stock') same(`${scenario.name} headers`, server.kind, headerLines(response.headers));
    }
    for (const bad of BAD_ORDER_BODIES) {
      const response = await fetch(`${server.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad.body),
      });
      const text = await response.text();
      if (response.status !== 400) {
        const hint = server.kind.startsWith('runtime') ? ' (is design:paramtypes emitted? the body DTO type was not seen)' : '';
        failures.push(`${server.kind}: POST /orders with ${bad.why} answered ${response.status}, not 400${hint}`);
      } else if (server.kind.startsWith('runtime') && !text.includes('"validation-failed"')) {
        failures.push(`runtime: POST /orders with ${bad.why}: 400 but not validation-failed: ${text.slice(0, 200)}`);
      }
    }
  }
  return failures;
}

/** Every header but the ones node:http adds itself, as `name: value` lines. */
function headerLines(headers: Headers): string {
  const added = new Set(['date', 'connection', 'keep-alive']);
  return [...headers]
    .filter(([name]) => !added.has(name))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

async function load(server: Server, scenario: Scenario, seconds: number): Promise<Run> {
  const cpuBefore = processCpuSeconds(server.pid);
  const machineBefore = machineCpuSeconds();
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: server.url + scenario.path,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
  });
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = processCpuSeconds(server.pid);
  const machineAfter = machineCpuSeconds();
  const generatorUsage = process.cpuUsage(generatorBefore);
  const generator = (generatorUsage.user + generatorUsage.system) / 1e6;
  const bad = result.errors + result.timeouts + result.non2xx;
  if (bad > 0)
    throw new Error(
      `${server.kind} ${scenario.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
    );
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: cpu === undefined ? undefined : (cpu / result.requests.total) * 1e6,
    cpuShare: cpu === undefined ? undefined : cpu / wall,
    generatorShare: generator / wall,
    otherShare:
      cpu === undefined || machineBefore === undefined || machineAfter === undefined
        ? undefined
        : Math.max(0, (machineAfter.busy - machineBefore.busy - cpu - generator) / wall),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function staleDistWarning(): string | undefined {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  try {
    const dist = statSync(join(packageDir, 'dist', 'index.js')).mtimeMs;
    const src = newest(join(packageDir, 'src'));
    return src > dist
      ? 'warning: dist/ is older than src/: this measures the last build (run `pnpm --filter @retail/runtime build`).'
      : undefined;
  } catch {
    return 'warning: could not compare dist/ with src/.';
  }
}

const servers: Server[] = [];
let waitedInVain = 0;
let remeasured = 0;
const out = (line = '') => process.stdout.write(`${line}\n`);
let exitCode = 0;
try {
  for (const kind of KINDS) servers.push(await start(kind));
  const failures = await sanityCheck(servers);
  if (failures.length > 0) {
    failures.forEach((failure) => out(`sanity check FAILED: ${failure}`));
    throw new Error('sanity checks failed: not measuring');
  }
  const runtime = servers.find((s) => s.kind === 'runtime')!;
  const before = await ask(runtime, { type: 'stats' });
  if (before.accessLogOn !== true)
    throw new Error(`the runtime's access log is off (level ${String(before.logLevel)}): not measuring`);
  out(
    `sanity checks passed: same bodies from all ${servers.length} servers; ${BAD_ORDER_BODIES.length} bad bodies refused with 400 by each ` +
      `(runtime: validation-failed, so the DTO type was seen); runtime routes ${(before.routes as string[]).join(', ')}, access log at ${String(before.logLevel)}`,
  );
  const stale = staleDistWarning();
  if (stale) out(stale);

  const rows: string[][] = [];
  const summary: string[] = [];
  const notes: string[] = [];
  const others: number[] = [];
  for (const scenario of SCENARIOS.filter((s) => !ONLY || s.method === ONLY)) {
    for (const server of servers) await load(server, scenario, WARMUP_SECONDS); // JIT, sockets
    const runs = new Map<Kind, Run[]>(KINDS.map((k) => [k, []]));
    // Interleaved, so that drift on the machine falls on every server alike.
    for (let i = 0; i < RUNS; i++)
      for (const server of servers) {
        if (!(await quiet())) waitedInVain++;
        let run = await load(server, scenario, SECONDS);
        for (let retry = 0; QUIET && retry < RETRIES && (run.otherShare ?? 0) > DISTURBED; retry++) {
          remeasured++;
          await quiet();
          run = await load(server, scenario, SECONDS);
        }
        runs.get(server.kind)!.push(run);
      }
    const med = (kind: Kind, pick: (run: Run) => number | undefined) => {
      const values = runs
        .get(kind)!
        .map(pick)
        .filter((v): v is number => v !== undefined);
      return values.length === 0 ? undefined : median(values);
    };
    for (const list of runs.values()) for (const run of list) if (run.otherShare !== undefined) others.push(run.otherShare);
    const rawRps = med('raw', (r) => r.requestsPerSecond)!;
    const rawCpu = med('raw', (r) => r.cpuMicrosPerRequest);
    for (const kind of KINDS) {
      const rps = med(kind, (r) => r.requestsPerSecond)!;
      const cpu = med(kind, (r) => r.cpuMicrosPerRequest);
      const share = med(kind, (r) => r.cpuShare);
      const cpuRuns = runs.get(kind)!.flatMap((r) => (r.cpuMicrosPerRequest === undefined ? [] : [r.cpuMicrosPerRequest]));
      rows.push([
        scenario.name,
        SERVERS[kind].label,
        Math.round(rps).toString(),
        med(kind, (r) => r.p99Ms)!.toFixed(1),
        cpu === undefined ? '-' : cpu.toFixed(1),
        cpuRuns.length === 0 ? '-' : `${Math.min(...cpuRuns).toFixed(1)}-${Math.max(...cpuRuns).toFixed(1)}`,
        share === undefined ? '-' : `${Math.round(share * 100)}%`,
        kind === 'raw' ? '1.00x' : `${(rps / rawRps).toFixed(2)}x`,
      ]);
    }
    const target = scenario.method === 'GET' ? 0.9 : 0.6;
    const ratio = med('runtime', (r) => r.requestsPerSecond)! / rawRps;
    const runtimeCpu = med('runtime', (r) => r.cpuMicrosPerRequest);
    const cpuRatio =
      rawCpu === undefined || runtimeCpu === undefined
        ? ''
        : `; CPU/request ratio raw/runtime ${(rawCpu / runtimeCpu).toFixed(2)}x`;
    // Each round measured raw and the runtime back to back: their ratio is what drift on the machine disturbs least.
    const rounds = runs.get('runtime')!.map((run, i) => run.requestsPerSecond / runs.get('raw')![i]!.requestsPerSecond);
    const paired = `; per-round ratios ${rounds.map((r) => r.toFixed(2)).join(' ')} (median ${median(rounds).toFixed(2)}x)`;
    const pct = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value * 100)}%`);
    const loads = KINDS.map((k) => `${k} ${pct(med(k, (r) => r.generatorShare))}/${pct(med(k, (r) => r.otherShare))}`).join(', ');
    notes.push(`${scenario.name}: load generator / other processes, CPU of one core: ${loads}`);
    summary.push(
      `${scenario.name}: runtime ${ratio.toFixed(2)}x raw req/s, target >= ${target}x: ${ratio >= target ? 'met' : 'NOT met'}${cpuRatio}${paired}`,
    );
  }
  const after = await ask(runtime, { type: 'stats' });

  const header = [
    'scenario',
    'server',
    `req/s (median of ${RUNS})`,
    'p99 ms',
    'CPU µs/req',
    'CPU range',
    'server CPU',
    'ratio vs raw',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const print = (cells: string[]) => out(`| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`);
  out();
  out(
    `http benchmark: ${RUNS} x ${SECONDS}s per cell after ${WARMUP_SECONDS}s warm-up, autocannon ${CONNECTIONS} connections, pipelining 1; ` +
      `each server alone in its own process (${process.version}, ${cpus().length} cores: the load generator shares the machine)`,
  );
  out();
  print(header);
  print(widths.map((w) => '-'.repeat(w)));
  rows.forEach(print);
  out();
  summary.forEach((line) => out(line));
  notes.forEach((line) => out(line));
  if (QUIET) {
    out(
      `BENCH_QUIET: waited for a quiet machine before each run (${waitedInVain} waits ran out); ` +
        `${remeasured} runs measured again because others took over ${DISTURBED} cores.`,
    );
  }
  const busy = others.length === 0 ? 0 : median(others);
  if (busy > 0.25) {
    out(
      `warning: other processes kept ${busy.toFixed(2)} of the ${cpus().length} cores busy while measuring (median): ` +
        `req/s are depressed and noisy; CPU µs/req is the steadier figure. Re-run on a quiet machine.`,
    );
  }
  out(
    `server CPU = the server process's CPU time over the run's wall time (100% = one core busy); CPU µs/req from /proc/<pid>/stat.`,
  );
  out(
    `runtime access log on (level ${String(after.logLevel)}, buffered lines to /dev/null); requests counted by its metrics: ${String(after.requestsInMetrics)}`,
  );
} catch (error) {
  out(`http benchmark aborted: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await Promise.all(servers.map(stop));
}
process.exit(exitCode);
