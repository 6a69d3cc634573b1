import type { Plan } from '../plan.js';
import type { ChannelKey } from './client.js';
import type { Targets } from './targets.js';

/** What the load generator is told. */
export interface LoadConfig {
  url: string;
  /** Epoch ms of the run's second 0; planned times are offsets from it. */
  t0: number;
  plan: Plan;
  targets: Targets;
  /** Keys by channel name. */
  channels: Record<string, ChannelKey>;
  /** Seed of the random choices inside requests. */
  seed: number;
  /** A request with no answer after this long counts as failed (status 0). Default 20 000. */
  timeoutMs?: number;
  /** Share of created orders paid by a follow-up request. Default 0.5. */
  payShare?: number;
  /** Most requests in flight; beyond, planned requests are dropped and counted (status -1). Default 4000. */
  maxInFlight?: number;
}

/** One row per request, in columns. `status`: HTTP status, 0 no answer, -1 not sent (generator at its in-flight cap). */
export interface LoadRecords {
  /** Planned send time, ms from t0 (follow-ups: when their order's answer came). */
  at: number[];
  /** How late it was sent, ms. */
  lag: number[];
  latencyMs: number[];
  status: number[];
  kind: number[];
  channel: number[];
  /** Index into `codes` of the problem's `code`, or -1. */
  code: number[];
  codes: string[];
}

/** What the generator measured of itself: the evidence that it was not the bottleneck. */
export interface GeneratorCost {
  /** CPU of the generator process per second of the run, as a share of one core. */
  cpuPerSecond: number[];
  /** CPU time over the run, ms. */
  cpuMs: number;
  wallMs: number;
  /** Send lag (actual minus planned), ms. */
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Event-loop delay of the generator, ms. */
  loopDelayP99Ms: number;
  /** Requests dropped at the in-flight cap. */
  dropped: number;
  maxInFlight: number;
}

/** Everything one load run brings back. */
export interface LoadResult {
  records: LoadRecords;
  /** Ids of coupons answered 201 and of flash-sale orders answered 201: checked against storage. */
  created: { coupons: string[]; flashOrders: string[] };
  cost: GeneratorCost;
}
