import type { DevPlatform } from '@retail/dev';
import { WINDOWS } from './platform.js';

/** What the timer jobs answered, for the report and for a failure message. */
export interface RecoveryRun {
  readonly waitedMs: number;
  readonly firings: ReadonlyArray<{ fn: string; trigger: string; status: number; body: unknown }>;
}

/**
 * Recovery after a phase, with the faults off: waits until every order the phase may have created
 * is past its payment window, every dead claim or purchase is past the repair window, and the
 * flash sale has ended; then fires the coupon sweep and the trading expiry job (what their timers
 * do every minute), twice each so that the second run shows there was nothing left.
 *
 * @example
 * const run = await recover(platform.dev, loadEndedAt, fixtures.saleEndsAt);
 */
export async function recover(dev: DevPlatform, lastRequestAt: number, saleEndsAt: number): Promise<RecoveryRun> {
  const windowMs = Math.max(WINDOWS.paymentSeconds, WINDOWS.repairSeconds, WINDOWS.claimGraceSeconds) * 1000;
  const until = Math.max(lastRequestAt + windowMs, saleEndsAt) + 1000;
  const waitedMs = Math.max(0, until - Date.now());
  await new Promise((resolve) => setTimeout(resolve, waitedMs));
  return { waitedMs, firings: await fireJobs(dev, 2) };
}

/** Fires the coupon sweep and the trading expiry job `times` times each, in turn. */
export async function fireJobs(dev: DevPlatform, times: number): Promise<RecoveryRun['firings']> {
  const firings: Array<RecoveryRun['firings'][number]> = [];
  for (let i = 0; i < times; i++) {
    for (const [fn, trigger] of [
      ['coupons', 'sweep'],
      ['trading', 'expiry'],
    ] as const) {
      const { status, body } = await dev.fireTimer(fn, trigger);
      firings.push({ fn, trigger, status, body });
    }
  }
  return firings;
}
