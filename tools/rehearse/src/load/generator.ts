/**
 * The open-loop load generator: sends each planned request at its time, whatever the earlier
 * ones are doing, records every answer, pays half the orders that succeed, and measures its own
 * CPU and lateness so the report can say whether it kept up.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { seededRandom, CHANNELS } from '../plan.js';
import { KINDS, type Kind } from '../profile.js';
import { signedClient, type Answer } from './client.js';
import { paymentFor, requestFor, type RequestSpec } from './targets.js';
import type { LoadConfig, LoadRecords, LoadResult } from './types.js';

const PAYMENT = KINDS.indexOf('payment');

function quantile(sorted: readonly number[], q: number): number {
  const value = sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return Math.round(value * 10) / 10;
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the plan against the gateway; resolves once every request has its answer (or timed out).
 *
 * @example
 * const result = await generateLoad({ url, t0: Date.now() + 500, plan, targets, channels, seed: 1 });
 */
export async function generateLoad(config: LoadConfig): Promise<LoadResult> {
  const timeoutMs = config.timeoutMs ?? 20_000;
  const payShare = config.payShare ?? 0.5;
  const cap = config.maxInFlight ?? 4000;
  const client = signedClient(config.url, timeoutMs);
  const random = seededRandom(config.seed);
  const records: LoadRecords = { at: [], lag: [], latencyMs: [], status: [], kind: [], channel: [], code: [], codes: [] };
  const codeIndex = new Map<string, number>();
  const created = { coupons: [] as string[], flashOrders: [] as string[] };
  let inFlight = 0;
  let maxInFlight = 0;
  let dropped = 0;
  const pending = new Set<Promise<void>>();

  const record = (
    at: number,
    lag: number,
    latency: number,
    status: number,
    kind: number,
    channel: number,
    code: string | undefined,
  ) => {
    let index = -1;
    if (code !== undefined) {
      index = codeIndex.get(code) ?? records.codes.length;
      if (index === records.codes.length) {
        codeIndex.set(code, index);
        records.codes.push(code);
      }
    }
    records.at.push(at);
    records.lag.push(lag);
    records.latencyMs.push(Math.round(latency * 100) / 100);
    records.status.push(status);
    records.kind.push(kind);
    records.channel.push(channel);
    records.code.push(index);
  };

  const onAnswer = (kind: Kind, channel: number, answer: Answer) => {
    if (answer.status < 400 && answer.status !== 201) return undefined;
    const body = parse(answer.body);
    if (answer.status >= 400) return typeof body?.code === 'string' ? body.code : undefined;
    const id = typeof body?.id === 'string' ? body.id : undefined;
    if (id && kind === 'claim') created.coupons.push(id);
    if (id && kind === 'flash-buy') created.flashOrders.push(id);
    if (id && (kind === 'order' || kind === 'flash-buy') && random() < payShare && typeof body?.total === 'number') {
      // The buyer pays right after the order comes back: a follow-up, timed from now.
      send(paymentFor({ id, total: body.total }), PAYMENT, channel, Date.now() - config.t0);
    }
    return undefined;
  };

  function send(spec: RequestSpec, kind: number, channel: number, at: number): void {
    const sentAt = Date.now() - config.t0;
    if (inFlight >= cap) {
      dropped++;
      record(at, sentAt - at, 0, -1, kind, channel, undefined);
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const started = performance.now();
    const key = config.channels[CHANNELS[channel]!]!;
    const done = client.send(spec, key).then((answer) => {
      const latency = performance.now() - started;
      inFlight--;
      const code = onAnswer(KINDS[kind]!, channel, answer);
      record(at, sentAt - at, latency, answer.status, kind, channel, code);
    });
    pending.add(done);
    void done.finally(() => pending.delete(done));
  }

  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpuPerSecond: number[] = [];
  const cpuStart = process.cpuUsage();
  let cpuLast = cpuStart;
  const sampler = setInterval(() => {
    const now = process.cpuUsage();
    cpuPerSecond.push((now.user - cpuLast.user + now.system - cpuLast.system) / 1e6);
    cpuLast = now;
  }, 1000);
  const wallStart = Date.now();

  const { plan } = config;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = Date.now() - config.t0;
      while (next < plan.at.length && plan.at[next]! <= now) {
        const kind = plan.kind[next]!;
        const channel = plan.channel[next]!;
        send(requestFor(KINDS[kind] as Exclude<Kind, 'payment'>, config.targets, random), kind, channel, plan.at[next]!);
        next++;
      }
      if (next >= plan.at.length) return resolve();
      setTimeout(tick, Math.max(1, Math.min(50, plan.at[next]! - now)));
    };
    tick();
  });
  // Follow-ups may add requests while earlier ones finish.
  while (pending.size > 0) await Promise.all([...pending]);
  clearInterval(sampler);
  loop.disable();
  client.close();
  const cpu = process.cpuUsage(cpuStart);
  const lags = [...records.lag].sort((a, b) => a - b);
  return {
    records,
    created,
    cost: {
      cpuPerSecond,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      wallMs: Date.now() - wallStart,
      lagP50Ms: quantile(lags, 0.5),
      lagP99Ms: quantile(lags, 0.99),
      lagMaxMs: quantile(lags, 1),
      loopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
      dropped,
      maxInFlight,
    },
  };
}
