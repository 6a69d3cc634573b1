import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LoadConfig, LoadResult } from './types.js';

export type * from './types.js';
export type { Targets } from './targets.js';

/** The built worker (tests run the sources, so from src it is the one in dist). */
const WORKER = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/load-worker.js' : './load-worker.js', import.meta.url),
);

/** A load run in progress in its own process. */
export interface LoadRun {
  pid: number;
  result: Promise<LoadResult>;
}

/**
 * Starts the load generator in a process of its own and sends it the plan.
 *
 * @example
 * const run = startLoad({ url, t0, plan, targets, channels, seed: 1 });
 * const { records, cost } = await run.result;
 */
export function startLoad(config: LoadConfig): LoadRun {
  const child = fork(WORKER, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  // A real crowd brings its own machines; here it shares the platform's cores. A higher priority
  // keeps it sending on time when the platform saturates them (root only; elsewhere it stays as is).
  try {
    if (child.pid) setPriority(child.pid, -10);
  } catch {
    // not permitted: the report's send lag shows what that costs
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message: { result?: LoadResult; error?: string }) =>
      message.result ? resolve(message.result) : reject(new Error(`load generator failed: ${message.error}`)),
    );
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}: ${stderr}`)));
  });
  child.send(config);
  return { pid: child.pid ?? 0, result };
}
