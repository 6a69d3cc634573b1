/** Cold start as a caller sees it, directly and through the gateway. */
import type { FastSigner } from './fast-signer.js';
import { directColdStart, type GatewayProcess } from './processes.js';

export interface ColdStartOptions {
  appDir: string;
  env: Record<string, string>;
  gateway: GatewayProcess;
  sign: FastSigner;
  /** A GET that needs storage (`/members/{id}`). */
  path: string;
  runs: number;
}

/**
 * Medians over `runs`, in ms: spawning the bundle until the first 200 of `path`, and a first
 * request through a running gateway whose pool has no instance yet until its 200 (the request is
 * signed before the clock starts).
 *
 * @example
 * const { direct, gateway } = await coldStarts({ appDir, env, gateway, sign, path: `/members/${id}`, runs: 10 });
 */
export async function coldStarts(options: ColdStartOptions): Promise<{ direct: number; gateway: number }> {
  const direct: number[] = [];
  const gateway: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    direct.push(await directColdStart(options.appDir, options.env, options.path));
    const cold = await options.gateway.start(options.env, 0);
    const headers = options.sign('GET', options.path);
    const started = performance.now();
    const response = await fetch(`${cold.url}${options.path}`, { headers });
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`cold start through the gateway: ${response.status} ${await response.text()}`);
    gateway.push(elapsed);
    await options.gateway.stop(cold.url);
  }
  return { direct: median(direct), gateway: median(gateway) };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}
