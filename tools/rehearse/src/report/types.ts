import type { GeneratorCost } from '../load/index.js';
import type { Phase, PhaseName } from '../profile.js';
import type { Invariant } from '../run/invariants.js';

/** The instance settings a run used. */
export type Mode = 'reserved' | 'on-demand';

export interface RunSettings {
  mode: Mode;
  label: string;
  /** Per function: from s.yaml, or the overrides. */
  provisioned: string;
  instanceConcurrency: string;
  maxInstances: number;
}

/** Latency figures (ms) of a set of answered requests. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PhaseStats extends Latency {
  phase: PhaseName;
  seconds: number;
  /** Requests planned (sent or not) per second. */
  rps: number;
  errors5xx: number;
  noAnswer: number;
  throttled: number;
  /** 4xx answers other than 429, by problem code (sold-out, limit-reached, out-of-stock...). */
  refusals: Record<string, number>;
  /** 5xx answers by problem code (or status when the body had none). */
  errorCodes: Record<string, number>;
  /** The same latency figures per request kind: which function the time went to. */
  byKind: Record<string, Latency>;
}

/** One second of the run: what was sent and how long it took. */
export interface SecondStats {
  t: number;
  sent: number;
  ok: number;
  p50: number | null;
  p99: number | null;
  instances: number | null;
  starting: number | null;
  coldStarts: number | null;
}

export interface RunReport {
  settings: RunSettings;
  phases: PhaseStats[];
  perSecond: SecondStats[];
  /** p99 of the flash sale over p99 of the baseline. */
  burstRatio: number | null;
  errors: { errors5xx: number; noAnswer: number; byCode: Record<string, number>; errorCodes: Record<string, number> };
  throttledByChannel: Record<string, number>;
  coldStarts: Record<string, number>;
  maxInstances: Record<string, number>;
  /** Requests that waited for a free instance slot, and the longest such queue seen. */
  queued: { requests: number; maxDepth: number };
  invariants: Invariant[];
  generator: GeneratorCost & { cpuShareMax: number; cpuShareMean: number };
  /**
   * Latency per phase as the gateway saw it (its access lines: receive to answer, waiting for an
   * instance slot included) and as the functions saw it (their own lines: the handler and its
   * storage calls), next to the end-to-end figures of `phases`.
   */
  layers: Record<string, { gateway: Latency; function: Latency }>;
  /** Inside each function during the flash sale. */
  functionsInBurst: Record<string, Latency>;
  /** Share of all the machine's cores busy in each phase (this run's processes and everything else). */
  machineBusyByPhase: Record<string, number>;
  /** Mean cores that other work on this machine used during the run (not this run's processes). */
  otherLoadCores: number;
  /** Mean cores used per component in each phase. */
  cpuByPhase: Record<string, Record<string, number>>;
  cores: number;
}

export interface RehearsalReport {
  startedAt: string;
  seconds: number;
  baselineRps: number;
  peakFactor: number;
  grabFactor: number;
  phases: Phase[];
  seed: { members: number; couponTotal: number; flashQuantity: number };
  runs: RunReport[];
}
