/**
 * BENCH_QUIET=1: the machine is shared, so wait for it to fall quiet before each measured run, and
 * measure a run again when other processes took CPU during it. Off by default: on a machine that
 * never falls quiet this only makes the bench slower (each wait gives up after BENCH_QUIET_WAIT s).
 */
import { machineCpuSeconds } from './process-cpu.js';

export const QUIET = process.env.BENCH_QUIET === '1';
const WAIT_SECONDS = Number(process.env.BENCH_QUIET_WAIT ?? 60);
/** Cores that others may use during a run before it is measured again. */
export const DISTURBED = 0.25;
export const RETRIES = 3;

/** Resolves once the whole machine used under 0.15 cores for a second (or the wait ran out). */
export async function quiet(): Promise<boolean> {
  if (!QUIET) return true;
  const limit = Date.now() + WAIT_SECONDS * 1000;
  while (Date.now() < limit) {
    const before = machineCpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = machineCpuSeconds();
    if (!before || !after || after.busy - before.busy < 0.15) return true;
  }
  return false;
}
