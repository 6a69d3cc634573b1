import {
  poolFromSYaml,
  type FaultableUpstream,
  type FunctionPool,
  type FunctionPoolOptions,
  type MetricsRegistry,
  type Upstream,
} from '@retail/gateway';
import { join } from 'node:path';
import { REPO_ROOT, type FunctionApp } from './paths.js';

export interface RunningFunction {
  name: string;
  /** What the gateway forwards to; stays the same object across restarts. */
  upstream: Upstream;
  /** Replaces every instance with ones running the current build. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface FunctionOptions {
  env: Record<string, string | undefined>;
  metrics: MetricsRegistry;
  log: (line: Record<string, unknown>) => void;
  /** Instance settings over the s.yaml's (and over the local cap of 4 instances). */
  pool?: PoolSettings;
}

/** What a run may change of every function's instance settings. */
export type PoolSettings = Partial<
  Pick<FunctionPoolOptions, 'provisioned' | 'instanceConcurrency' | 'maxInstances' | 'idleTimeoutMs'>
>;

/**
 * A function as FC runs it, configured from its s.yaml: provisioned instances warm, on-demand
 * ones up to a local maximum, instance concurrency, timeout (see @retail/gateway FunctionPool).
 */
export async function startFunction(app: FunctionApp, options: FunctionOptions): Promise<RunningFunction> {
  const create = async (): Promise<FunctionPool> => {
    const pool = await poolFromSYaml(
      join(REPO_ROOT, 'apps', app.name),
      { ...options.env, NODE_ENV: 'development' },
      {
        name: app.name,
        maxInstances: 4,
        log: options.log,
        metrics: options.metrics,
        ...options.pool,
      },
    );
    await pool.start();
    return pool;
  };
  let pool = await create();
  const upstream: FaultableUpstream = {
    forward: (request) => pool.forward(request),
    check: () => pool.check(),
    // The gateway's instance-fault routes (/_gateway/functions/...) reach the current pool through this.
    get faults() {
      return pool.faults;
    },
  };
  return {
    name: app.name,
    upstream,
    restart: async () => {
      const next = await create();
      const previous = pool;
      pool = next;
      await previous.close();
    },
    stop: () => pool.close(),
  };
}
