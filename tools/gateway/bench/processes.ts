/** The processes the benchmark measures: the bundle run directly, and the gateway process. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { Answer, Request } from './gateway-process.js';

/** One custom-runtime instance of a bundle, started by hand. */
export interface DirectInstance {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function spawnBundle(appDir: string, env: Record<string, string>, port: number): ChildProcess {
  // As the pool runs it: `node dist/index.js --serve` from dist/, with exactly this environment.
  return spawn(process.execPath, [join(appDir, 'dist', 'index.js'), '--serve'], {
    cwd: join(appDir, 'dist'),
    env: { PATH: process.env.PATH, ...env, FC_SERVER_PORT: String(port), FC_CUSTOM_LISTEN_PORT: String(port) },
    stdio: 'ignore', // its JSON logs are written, to /dev/null
  });
}

async function untilAnswered(url: string, child: ChildProcess, ok: (status: number) => boolean): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bundle exited with ${child.exitCode} before answering`);
    try {
      if (ok((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

/**
 * Spawns the bundle and waits until it answers HTTP.
 *
 * @example
 * const direct = await spawnDirect('apps/member', env);
 * await fetch(`${direct.url}/members/${id}`);
 */
export async function spawnDirect(appDir: string, env: Record<string, string>): Promise<DirectInstance> {
  const port = await freePort();
  const child = spawnBundle(appDir, env, port);
  const url = `http://127.0.0.1:${port}`;
  await untilAnswered(`${url}/members/none`, child, () => true);
  return { url, pid: child.pid!, stop: () => kill(child) };
}

/**
 * Milliseconds from spawning the bundle to the first 200 of `path`. Readiness is a TCP connect
 * tried every 2 ms (cheap, so polling does not slow the start it measures), then the request.
 */
export async function directColdStart(appDir: string, env: Record<string, string>, path: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawnBundle(appDir, env, port);
  try {
    while (!(await canConnect(port))) {
      if (child.exitCode !== null) throw new Error(`the bundle exited with ${child.exitCode} before listening`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await untilAnswered(`http://127.0.0.1:${port}${path}`, child, (status) => status === 200);
    return performance.now() - started;
  } finally {
    await kill(child);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A request of the union without its `id` (Omit alone is not distributive). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The gateway process (gateway-process.ts), driven over IPC. */
export interface GatewayProcess {
  /** A gateway with a pool of at most one instance, `provisioned` of them warm. */
  start(env: Record<string, string>, provisioned: number): Promise<{ url: string; pid: number }>;
  /** Its CPU (user + system) so far, in µs. */
  cpu(): Promise<number>;
  stop(url: string): Promise<void>;
  close(): Promise<void>;
}

/** Forks the gateway process (TypeScript through tsx), its output to /dev/null. */
export function startGatewayProcess(file: string): GatewayProcess {
  // BENCH_PROFILE_DIR=<dir>: the gateway process writes a .cpuprofile there when it exits.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : [];
  const child = fork(file, [], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...profile],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const pending = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  let sequence = 0;
  child.on('message', (answer: Answer) => {
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.error) waiting?.reject(new Error(`gateway process: ${answer.error}`));
    else waiting?.resolve(answer);
  });
  child.once('exit', (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the gateway process exited with ${code}`));
  });
  const call = (request: WithoutId<Request>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const id = ++sequence;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
  return {
    async start(env, provisioned) {
      const answer = await call({ type: 'start', env, provisioned });
      return { url: answer.url!, pid: answer.pid ?? 0 };
    },
    async cpu() {
      return (await call({ type: 'cpu' })).micros!;
    },
    async stop(url) {
      await call({ type: 'stop', url });
    },
    close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      return exited;
    },
  };
}
