import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { FaultConfig } from './faults/types.js';

export interface SpawnedOtsLocal {
  endpoint: string;
  pid: number;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  dataDir?: string;
  memory?: boolean;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Fault rules from the start (passed as OTS_FAULTS). */
  faults?: FaultConfig;
  /** Serve the admin route (`--admin`). */
  admin?: boolean;
}

/** The built CLI; from sources (tests run TypeScript) it is the sibling dist folder. */
const cliPath = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/cli.js' : './cli.js', import.meta.url));

/**
 * Starts ots-local in a process of its own (benchmarks, crash tests) and resolves once it listens.
 *
 * @example
 * const ots = await spawnOtsLocal({ dataDir });
 * await ots.kill(); // kill -9
 */
export function spawnOtsLocal(options: SpawnOptions = {}): Promise<SpawnedOtsLocal> {
  const args = [cliPath, '--port', String(options.port ?? 0)];
  if (options.memory || !options.dataDir) args.push('--memory');
  else args.push('--data', options.dataDir);
  if (options.admin) args.push('--admin');
  const env = { ...(options.env ?? process.env), ...(options.faults ? { OTS_FAULTS: JSON.stringify(options.faults) } : {}) };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`ots-local exited with ${code} before listening: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { endpoint } = JSON.parse(line) as { endpoint: string };
      resolve({
        endpoint,
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
