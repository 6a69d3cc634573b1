/**
 * `pnpm --filter @retail/app-member bench`: the member function against its targets, each figure
 * beside a baseline measured in the same run, ots-local in its own process:
 * - GET /members/{id}: the member bundle (custom runtime, one instance) against a raw node:http
 *   server doing the same GetRow (target >= 0.85x requests/s), autocannon -c 50, median of 3;
 * - cold start, spawn to the first 200 of GET /members/{id}: the bundle against the raw server
 *   that loads the tablestore SDK (target <= 1.3x), median of 20.
 */
import { DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DEV_INSTANCE, spawnOtsLocal } from '@retail/ots-local';
import { systemClock } from '@retail/core';
import { MemberService, memberTables } from '@retail/member';
import { createTablestoreClient, ensureTables } from '@retail/tablestore';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const here = import.meta.dirname;

const ots = await spawnOtsLocal({ memory: true });
const env = {
  OTS_ENDPOINT: ots.endpoint,
  OTS_INSTANCE: DEV_INSTANCE,
  OTS_ACCESS_KEY_ID: DEV_ACCESS_KEY_ID,
  OTS_ACCESS_KEY_SECRET: DEV_ACCESS_KEY_SECRET,
};
const client = createTablestoreClient({
  endpoint: ots.endpoint,
  instanceName: DEV_INSTANCE,
  accessKeyId: DEV_ACCESS_KEY_ID,
  accessKeySecret: DEV_ACCESS_KEY_SECRET,
});
await ensureTables(client, memberTables); // the GET path needs no idempotency table
const member = await new MemberService({ client, clock: systemClock }).register({
  phone: '13900000000',
  name: 'Bench',
  channel: 'app',
});
client.close();

interface Server {
  name: string;
  start(port: number): ChildProcess;
}
const servers: Server[] = [
  {
    name: 'raw node:http + SDK',
    start: (port) =>
      spawn(process.execPath, [join(here, 'raw-member-server.cjs')], {
        env: { ...process.env, ...env, PORT: String(port) },
        stdio: 'ignore',
      }),
  },
  {
    name: 'member bundle',
    start: (port) =>
      spawn(process.execPath, [join(here, '..', 'dist', 'index.js'), '--serve'], {
        env: { ...process.env, ...env, FC_SERVER_PORT: String(port), FUNCTION_TIMEOUT_SECONDS: '10' },
        stdio: 'ignore', // its JSON logs stay on (buffered); the terminal does not see them
      }),
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Spawn to the first 200 of the storage-backed route, in ms. */
async function coldStart(server: Server): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = server.start(port);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${server.name} exited with ${child.exitCode} before answering`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/members/${member.id}`);
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts a server and waits for its first 200. */
async function started(server: Server): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = server.start(port);
  const url = `http://127.0.0.1:${port}/members/${member.id}`;
  const ready = () =>
    fetch(url).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${server.name} exited with ${child.exitCode} before answering`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, url };
}

interface Run {
  rps: number;
  p99: number;
  cpuMicros: number;
  /** ots-local's CPU over the run, in cores: the storage side of the same requests. */
  storageCores: number;
}

async function load(name: string, target: { child: ChildProcess; url: string }, seconds: number): Promise<Run> {
  const before = cpuSeconds(target.child.pid!);
  const storageBefore = cpuSeconds(ots.pid);
  const result = await autocannon({ url: target.url, connections: 50, duration: seconds });
  const cpu = cpuSeconds(target.child.pid!) - before;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuMicros: (cpu / result.requests.total) * 1e6,
    storageCores: (cpuSeconds(ots.pid) - storageBefore) / result.duration,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const cold = new Map<Server, number>();
for (const server of servers) {
  const starts: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) starts.push(await coldStart(server));
  cold.set(server, median(starts));
}
// Both servers up at once and measured in turns, so that drift on the shared machine falls on both alike.
const running = await Promise.all(servers.map((server) => started(server)));
for (const [i, server] of servers.entries()) await load(server.name, running[i]!, 1); // warm-up: JIT, sockets
const runs = servers.map(() => [] as Run[]);
for (let round = 0; round < RUNS; round++)
  for (const [i, server] of servers.entries()) runs[i]!.push(await load(server.name, running[i]!, SECONDS));
running.forEach(({ child }) => child.kill('SIGKILL'));

const pick = (i: number, field: keyof Run) => median(runs[i]!.map((run) => run[field]));
const rows = servers.map((server, i) => [
  server.name,
  Math.round(pick(i, 'rps')).toString(),
  pick(i, 'p99').toFixed(1),
  Math.round(pick(i, 'cpuMicros')).toString(),
  pick(i, 'storageCores').toFixed(2),
  cold.get(server)!.toFixed(0),
  (pick(i, 'rps') / pick(0, 'rps')).toFixed(2),
  (cold.get(server)! / cold.get(servers[0]!)!).toFixed(2),
]);
const perRound = runs[1]!.map((run, round) => (run.rps / runs[0]![round]!.rps).toFixed(2));

const header = [
  'GET /members/{id}',
  'req/s',
  'p99 ms',
  'CPU µs/req',
  'ots-local cores',
  'cold start ms',
  'req/s ratio',
  'cold ratio',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const print = (cells: string[]) => process.stdout.write(`| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |\n`);
process.stdout.write(
  `\nmember benchmark: autocannon -c 50, ${RUNS} rounds of ${SECONDS}s, servers in turns (median); cold start median of ${COLD_STARTS}; ` +
    `targets: req/s ratio >= 0.85, cold ratio <= 1.3\n\n`,
);
print(header);
print(widths.map((w) => '-'.repeat(w)));
rows.forEach(print);
process.stdout.write(`\nper-round req/s ratios (bundle / raw): ${perRound.join(' ')}\n`);
await ots.stop();
