/**
 * Function Compute instance emulation: a function runs from its built bundle in child processes of
 * its own (the custom-runtime server, `node index.js --serve` on FC_SERVER_PORT), scaled the way FC
 * scales it. See {@link FunctionPool}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js';
import type { Logger } from '../log.js';
import { MetricsRegistry } from '../metrics.js';
import type { Upstream, UpstreamRequest, UpstreamResponse } from '../upstream.js';
import { InstanceFaults, type KillScope } from './faults.js';
import { poolMetrics, type PoolMetrics, type PoolSnapshot } from './metrics.js';

/** Options of {@link FunctionPool}. */
export interface FunctionPoolOptions {
  /** The function's name in logs and metrics (`member`). */
  name: string;
  /** Absolute path of the built bundle (`apps/member/dist/index.js`); it is run from its directory. */
  bundle: string;
  /**
   * The whole environment of each instance (PATH is added when missing), plus `FC_SERVER_PORT`,
   * `FC_CUSTOM_LISTEN_PORT`, `FC_FUNCTION_NAME` and `FC_INSTANCE_ID`, which the pool sets.
   */
  env?: Record<string, string | undefined>;
  /** Requests one instance runs at once (s.yaml `instanceConcurrency`). Default 1. */
  instanceConcurrency?: number;
  /** Instances started warm by `start()` and never stopped for idleness (`provisionConfig.defaultTarget`). Default 0. */
  provisioned?: number;
  /** Most instances at once, provisioned included. Default 10 (at least `provisioned`). */
  maxInstances?: number;
  /** An on-demand instance with nothing to do is stopped after this long. Default 60 000 ms. */
  idleTimeoutMs?: number;
  /** A request running longer gets 504 and its instance is killed (s.yaml `timeout`). Default 3000 ms (fc3's default). */
  timeoutMs?: number;
  /** How long an instance may take to listen before it counts as failed. Default 10 000 ms. */
  startTimeoutMs?: number;
  /** How long a request may wait for a free slot before 504. Default `startTimeoutMs + timeoutMs`. */
  queueTimeoutMs?: number;
  /** Largest response body accepted. Default 32 MiB. */
  maxResponseBytes?: number;
  /** How long a stopped instance gets after SIGTERM before SIGKILL. Default 2000 ms. */
  killGraceMs?: number;
  /**
   * Pool events (`instance-started`, `instance-ready`, `instance-exited`) and every line the
   * instances write (`instance-output` with `function`, `instance`, `stream`, `line`). Default: none.
   */
  log?: Logger;
  /** Where the pool's series go: pass the gateway's registry. Default: a registry of its own. */
  metrics?: MetricsRegistry;
}

/** One instance as {@link FunctionPool.instances} shows it. */
export interface InstanceInfo {
  id: string;
  pid: number | undefined;
  port: number;
  state: 'starting' | 'ready' | 'stopping';
  provisioned: boolean;
  /** Requests running on it. */
  active: number;
}

type ExitReason = 'idle' | 'timeout' | 'crash' | 'start-failed' | 'closed';

interface Instance {
  id: string;
  provisioned: boolean;
  state: 'starting' | 'ready' | 'stopping' | 'exited';
  port: number;
  child?: ChildProcess;
  agent: Agent;
  active: number;
  idleTimer?: NodeJS.Timeout;
  killTimer?: NodeJS.Timeout;
  /** Set when the pool itself ends the instance. */
  exitReason?: ExitReason;
  /** A provisioned instance whose replacement has been started. */
  replaced?: boolean;
  /** Fails each request in flight on it. */
  calls: Set<(error: Error) => void>;
  ready: Promise<void>;
  exited: Promise<void>;
}

interface Waiter {
  resolve(instance: Instance): void;
  reject(error: Error): void;
}

/**
 * A function's instances, as an {@link Upstream} the gateway proxies through.
 *
 * - Each instance runs `process.execPath <bundle> --serve` with FC_SERVER_PORT set to a free port,
 *   and is ready when that port accepts connections. Requests reach it over a keep-alive agent.
 * - An instance runs at most `instanceConcurrency` requests at once. Further requests wait in a FIFO
 *   queue until a slot frees or a new instance is ready; one is started (a cold start) whenever the
 *   queue holds more requests than the starting instances will take, up to `maxInstances`.
 * - `start()` starts the provisioned instances; they are never stopped for idleness and are replaced
 *   when they exit. On-demand instances are stopped after `idleTimeoutMs` without requests.
 * - An instance that exits fails its requests in flight at once (502); one that runs a request past
 *   `timeoutMs` answers that request 504 and is killed, as FC does.
 *
 * @example
 * const member = new FunctionPool({ name: 'member', bundle: '/repo/apps/member/dist/index.js', env, instanceConcurrency: 50, provisioned: 1, metrics: registry });
 * await member.start();
 * const gateway = await startGateway({ upstreams: { member }, metrics: registry });
 */
export class FunctionPool implements Upstream {
  readonly name: string;
  readonly bundle: string;
  readonly instanceConcurrency: number;
  readonly provisioned: number;
  readonly maxInstances: number;
  readonly idleTimeoutMs: number;
  readonly timeoutMs: number;
  readonly startTimeoutMs: number;
  readonly queueTimeoutMs: number;
  /** The registry the pool's series are in. */
  readonly metrics: MetricsRegistry;
  /** Instances killed on purpose: on demand, or a share of requests (`/_gateway/functions/{fn}/...`). */
  readonly faults: InstanceFaults;

  private readonly env: Record<string, string>;
  private readonly maxResponseBytes: number;
  private readonly killGraceMs: number;
  private readonly log: Logger;
  private readonly counters: PoolMetrics;
  private readonly untrack: () => void;
  private readonly live: Instance[] = [];
  private readonly queue: Waiter[] = [];
  private sequence = 0;
  private closed = false;

  constructor(options: FunctionPoolOptions) {
    const positive = (name: string, value: number, min = 1) => {
      if (!Number.isInteger(value) || value < min)
        throw new RangeError(`FunctionPool ${options.name}: ${name} must be an integer >= ${min}, got ${value}`);
      return value;
    };
    this.name = options.name;
    this.bundle = options.bundle;
    this.instanceConcurrency = positive('instanceConcurrency', options.instanceConcurrency ?? 1);
    this.provisioned = positive('provisioned', options.provisioned ?? 0, 0);
    this.maxInstances = positive('maxInstances', Math.max(options.maxInstances ?? 10, this.provisioned));
    this.idleTimeoutMs = positive('idleTimeoutMs', options.idleTimeoutMs ?? 60_000);
    this.timeoutMs = positive('timeoutMs', options.timeoutMs ?? 3000);
    this.startTimeoutMs = positive('startTimeoutMs', options.startTimeoutMs ?? 10_000);
    this.queueTimeoutMs = positive('queueTimeoutMs', options.queueTimeoutMs ?? this.startTimeoutMs + this.timeoutMs);
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
    this.killGraceMs = options.killGraceMs ?? 2000;
    this.log = options.log ?? (() => {});
    this.env = Object.fromEntries(
      Object.entries({ PATH: process.env.PATH, ...options.env }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    this.metrics = options.metrics ?? new MetricsRegistry();
    this.counters = poolMetrics(this.metrics);
    this.untrack = this.counters.track(() => this.snapshot());
    this.faults = new InstanceFaults(this.name, (scope) => this.killInstances(scope), this.log);
  }

  /** Starts the provisioned instances and waits until they listen; rejects when one cannot start. */
  async start(): Promise<void> {
    const missing = this.provisioned - this.live.filter((instance) => instance.provisioned).length;
    const started = Array.from({ length: Math.max(0, missing) }, () => this.startInstance(true));
    await Promise.all(started.map((instance) => instance.ready));
  }

  async forward(request: UpstreamRequest): Promise<UpstreamResponse> {
    const instance = await this.acquire(request.signal);
    try {
      return await this.send(instance, request, true);
    } finally {
      this.release(instance);
    }
  }

  /** SIGKILLs the busiest ready instance, or every live one, as a crash; returns their ids. */
  killInstances(scope: KillScope): string[] {
    const live = this.live.filter((instance) => instance.state === 'ready' || (scope === 'all' && instance.state === 'starting'));
    const chosen = scope === 'all' ? live : live.sort((a, b) => b.active - a.active).slice(0, 1);
    for (const instance of chosen) this.stop(instance, 'crash', 'SIGKILL');
    return chosen.map((instance) => instance.id);
  }

  /** Ready when an instance is ready or one can be started (the bundle exists and the pool is not full). */
  check(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.live.some((instance) => instance.state === 'ready')) return Promise.resolve(true);
    return Promise.resolve(this.countLive() < this.maxInstances && existsSync(this.bundle));
  }

  /** Fails waiting requests, stops every instance and waits until they have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.queue.splice(0))
      waiter.reject(new UpstreamUnavailableError(`${this.name}: the function pool is closed`));
    const instances = [...this.live];
    for (const instance of instances) this.stop(instance, 'closed');
    await Promise.all(instances.map((instance) => instance.exited));
    this.untrack();
  }

  /** The instances now, for tests and tools. */
  instances(): InstanceInfo[] {
    return this.live
      .filter((instance) => instance.state !== 'exited')
      .map((instance) => ({
        id: instance.id,
        pid: instance.child?.pid,
        port: instance.port,
        state: instance.state as InstanceInfo['state'],
        provisioned: instance.provisioned,
        active: instance.active,
      }));
  }

  /** What the metrics show now. */
  snapshot(): PoolSnapshot {
    const ready = this.live.filter((instance) => instance.state === 'ready');
    return {
      function: this.name,
      busy: ready.filter((instance) => instance.active > 0).length,
      idle: ready.filter((instance) => instance.active === 0).length,
      starting: this.live.filter((instance) => instance.state === 'starting').length,
      queued: this.queue.length,
      inFlight: this.live.reduce((sum, instance) => sum + instance.active, 0),
      capacity: ready.length * this.instanceConcurrency,
      maxInstances: this.maxInstances,
    };
  }

  // ---- scheduling ----------------------------------------------------------------------------

  private acquire(signal: AbortSignal): Promise<Instance> {
    if (this.closed) return Promise.reject(new UpstreamUnavailableError(`${this.name}: the function pool is closed`));
    if (signal.aborted) return Promise.reject(abortError(signal, this.name));
    if (this.queue.length === 0) {
      const free = this.freeInstance();
      if (free) return Promise.resolve(this.take(free));
    }
    this.counters.queuedTotal.inc({ function: this.name });
    return new Promise<Instance>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
      };
      const waiter: Waiter = {
        resolve: (instance) => {
          done();
          resolve(instance);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => waiter.reject(abortError(signal, this.name));
      const timer = setTimeout(
        () => waiter.reject(new UpstreamTimeoutError(`${this.name}: no free instance within ${this.queueTimeoutMs} ms`)),
        this.queueTimeoutMs,
      );
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.scale();
    });
  }

  /** The ready instance with a free slot that is busiest (so that extra instances can go idle). */
  private freeInstance(): Instance | undefined {
    let best: Instance | undefined;
    for (const instance of this.live) {
      if (instance.state !== 'ready' || instance.active >= this.instanceConcurrency) continue;
      if (!best || instance.active > best.active) best = instance;
    }
    return best;
  }

  private take(instance: Instance): Instance {
    instance.active++;
    clearTimeout(instance.idleTimer);
    instance.idleTimer = undefined;
    return instance;
  }

  private release(instance: Instance): void {
    instance.active--;
    if (instance.state !== 'ready') return;
    this.dispatch();
    this.armIdle(instance);
  }

  /** Gives free slots to waiting requests, first come first served. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const free = this.freeInstance();
      if (!free) return;
      this.queue[0]!.resolve(this.take(free));
    }
  }

  /** Starts on-demand instances for the requests that the starting ones will not take. */
  private scale(): void {
    const starting = () => this.live.filter((instance) => instance.state === 'starting').length;
    while (!this.closed && this.queue.length > starting() * this.instanceConcurrency && this.countLive() < this.maxInstances) {
      this.counters.coldStarts.inc({ function: this.name });
      this.startInstance(false);
    }
  }

  private countLive(): number {
    return this.live.filter((instance) => instance.state === 'starting' || instance.state === 'ready').length;
  }

  private armIdle(instance: Instance): void {
    if (instance.provisioned || instance.active > 0 || instance.state !== 'ready' || this.closed) return;
    clearTimeout(instance.idleTimer);
    instance.idleTimer = setTimeout(() => {
      if (instance.active === 0 && instance.state === 'ready') this.stop(instance, 'idle');
    }, this.idleTimeoutMs);
    instance.idleTimer.unref();
  }

  // ---- instances -----------------------------------------------------------------------------

  private startInstance(provisioned: boolean): Instance {
    const id = `${this.name}-${++this.sequence}`;
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    let markExited!: () => void;
    const instance: Instance = {
      id,
      provisioned,
      state: 'starting',
      port: 0,
      agent: new Agent({ keepAlive: true, maxSockets: this.instanceConcurrency }),
      active: 0,
      calls: new Set(),
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    instance.ready.catch(() => {});
    this.live.push(instance);
    const startedAt = Date.now();

    void (async () => {
      try {
        instance.port = await freePort();
        if (instance.state !== 'starting') throw new Error('stopped before it started');
        const child = spawn(process.execPath, [this.bundle, '--serve'], {
          cwd: dirname(this.bundle),
          env: {
            ...this.env,
            FC_SERVER_PORT: String(instance.port),
            FC_CUSTOM_LISTEN_PORT: String(instance.port),
            FC_FUNCTION_NAME: this.name,
            FC_INSTANCE_ID: id,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        instance.child = child;
        for (const stream of ['stdout', 'stderr'] as const) {
          createInterface({ input: child[stream], crlfDelay: Infinity }).on('line', (line) =>
            this.log({ level: 'info', event: 'instance-output', function: this.name, instance: id, stream, line }),
          );
        }
        child.once('error', (error) => this.onExit(instance, `spawn failed: ${error.message}`, markExited));
        child.once('exit', (code, signal) => this.onExit(instance, signal ? `signal ${signal}` : `code ${code}`, markExited));
        this.log({
          level: 'info',
          event: 'instance-started',
          function: this.name,
          instance: id,
          pid: child.pid,
          port: instance.port,
          provisioned,
        });
        await waitListening(instance.port, child, this.startTimeoutMs);
        if (instance.state !== 'starting') throw new Error('stopped before it was ready');
        instance.state = 'ready';
        this.log({ level: 'info', event: 'instance-ready', function: this.name, instance: id, startMs: Date.now() - startedAt });
        markReady();
        this.dispatch();
        this.armIdle(instance);
      } catch (error) {
        const failure = new UpstreamUnavailableError(`${this.name}: instance ${id} did not start: ${(error as Error).message}`, {
          cause: error,
        });
        markFailed(failure);
        if (instance.child) this.stop(instance, instance.exitReason ?? 'start-failed', 'SIGKILL');
        else this.onExit(instance, failure.message, markExited);
      }
    })();
    return instance;
  }

  /** Ends an instance; its `exit` finishes the bookkeeping. */
  private stop(instance: Instance, reason: ExitReason, signal: NodeJS.Signals = 'SIGTERM'): void {
    if (instance.state === 'exited') return;
    instance.exitReason ??= reason;
    instance.state = 'stopping';
    clearTimeout(instance.idleTimer);
    // A broken provisioned instance is replaced at once, so that the queue waits for its successor
    // instead of starting an on-demand one.
    if (reason === 'crash' || reason === 'timeout') this.replace(instance);
    const child = instance.child;
    if (!child) return; // startInstance sees the state and finishes.
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (signal !== 'SIGKILL') {
      instance.killTimer = setTimeout(() => child.kill('SIGKILL'), this.killGraceMs);
      instance.killTimer.unref();
    }
  }

  private onExit(instance: Instance, how: string, markExited: () => void): void {
    if (instance.state === 'exited') return;
    const wasStarting = instance.state === 'starting';
    const reason: ExitReason = instance.exitReason ?? (wasStarting ? 'start-failed' : 'crash');
    instance.state = 'exited';
    clearTimeout(instance.idleTimer);
    clearTimeout(instance.killTimer);
    instance.agent.destroy();
    this.live.splice(this.live.indexOf(instance), 1);
    this.counters.exits.inc({ function: this.name, reason });
    this.log({
      level: reason === 'crash' || reason === 'start-failed' ? 'error' : 'info',
      event: 'instance-exited',
      function: this.name,
      instance: instance.id,
      reason,
      exit: how,
      inFlight: instance.calls.size,
    });
    const error = new UpstreamUnavailableError(`${this.name}: instance ${instance.id} exited (${reason}, ${how})`);
    for (const fail of [...instance.calls]) fail(error);
    markExited();
    if (this.closed) return;
    // After a failed start, not in a tight loop.
    if (reason === 'start-failed') setTimeout(() => this.replace(instance), 1000).unref();
    else this.replace(instance);
    if (reason === 'start-failed') {
      // Nothing left that could serve the queue: fail it rather than let it wait.
      if (this.countLive() === 0) {
        for (const waiter of this.queue.splice(0))
          waiter.reject(new UpstreamUnavailableError(`${this.name}: no instance could be started (${how})`));
      }
    } else {
      this.dispatch();
      this.scale();
    }
  }

  /** Starts the successor of a provisioned instance (once). */
  private replace(instance: Instance): void {
    if (!instance.provisioned || instance.replaced || this.closed || instance.exitReason === 'closed') return;
    instance.replaced = true;
    this.startInstance(true);
  }

  // ---- requests ------------------------------------------------------------------------------

  private send(instance: Instance, req: UpstreamRequest, mayRetry: boolean): Promise<UpstreamResponse> {
    return new Promise<UpstreamResponse>((resolve, reject) => {
      let outgoing: ClientRequest | undefined;
      let settled = false;
      // Drawn once per request that reaches a ready instance: does it die with its instance?
      const doomed = instance.state === 'ready' ? this.faults.arm(() => this.stop(instance, 'crash', 'SIGKILL')) : undefined;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        doomed?.cancel();
        instance.calls.delete(fail);
        req.signal.removeEventListener('abort', onAbort);
        return true;
      };
      const fail = (error: Error) => {
        if (!finish()) return;
        outgoing?.destroy();
        reject(error);
      };
      const onAbort = () => fail(abortError(req.signal, this.name));
      const timer = setTimeout(() => {
        fail(new UpstreamTimeoutError(`${this.name}: instance ${instance.id} did not answer within ${this.timeoutMs} ms`));
        this.stop(instance, 'timeout', 'SIGKILL');
      }, this.timeoutMs);
      instance.calls.add(fail);
      req.signal.addEventListener('abort', onAbort, { once: true });
      if (req.signal.aborted) return onAbort();
      if (instance.state !== 'ready')
        return fail(new UpstreamUnavailableError(`${this.name}: instance ${instance.id} is ${instance.state}`));

      const headers: OutgoingHttpHeaders = { ...req.headers, 'content-length': String(req.body.length) };
      try {
        outgoing = httpRequest({
          host: '127.0.0.1',
          port: instance.port,
          method: req.method,
          path: req.path,
          headers,
          agent: instance.agent,
        });
      } catch (error) {
        return fail(new UpstreamUnavailableError(`${this.name}: cannot send: ${(error as Error).message}`, { cause: error }));
      }
      const sent = outgoing;
      sent.once('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (mayRetry && sent.reusedSocket && error.code === 'ECONNRESET') {
          // A kept-alive socket the instance closed meanwhile: the request never got there. Unless the
          // instance is going away, which its exit shows within moments.
          setTimeout(() => {
            if (settled) return;
            if (instance.state !== 'ready')
              return fail(new UpstreamUnavailableError(`${this.name}: instance ${instance.id} is gone`));
            if (!finish()) return;
            this.send(instance, req, false).then(resolve, reject);
          }, 20);
          return;
        }
        // The instance cannot be talked to: take it out of rotation now rather than when its exit is seen.
        this.stop(instance, 'crash', 'SIGKILL');
        fail(new UpstreamUnavailableError(`${this.name}: instance ${instance.id}: ${error.message}`, { cause: error }));
      });
      sent.once('response', (incoming: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            fail(new UpstreamUnavailableError(`${this.name}: response larger than ${this.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.once('error', (error) =>
          fail(new UpstreamUnavailableError(`${this.name}: instance ${instance.id}: ${error.message}`)),
        );
        incoming.once('end', () => {
          // A doomed request's instance dies before the answer leaves: its exit fails the call (502).
          if (doomed?.fireNow()) return;
          if (!finish()) return;
          resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(chunks) });
        });
      });
      sent.end(req.body);
    });
  }
}

/** A TCP port free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `port` accepts a connection; rejects when the child exits first or time runs out. */
async function waitListening(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited with ${child.signalCode ?? child.exitCode}`);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`not listening on ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 500);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function abortError(signal: AbortSignal, name: string): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof UpstreamTimeoutError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new UpstreamTimeoutError(`${name}: ${reason.message}`);
  return reason instanceof Error ? reason : new Error(`${name}: request aborted`);
}
