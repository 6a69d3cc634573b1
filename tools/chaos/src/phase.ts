import { checkInvariants, type CheckResult } from './checks/index.js';
import type { FaultClass } from './fault-classes.js';
import { createFixtures } from './fixtures.js';
import type { ChaosPlatform } from './platform.js';
import { fireJobs, recover } from './recovery.js';
import { Tally } from './retry.js';
import { drive } from './workload.js';

/** One row of the chaos table: a fault class, what the clients saw under it, and the invariants after. */
export interface PhaseReport {
  fault: string;
  rate: string;
  /** HTTP requests the clients sent (retries included). */
  requests: number;
  /** Logical requests: claims, orders, payments, cancellations, flash purchases, points changes. */
  operations: { acknowledged: number; refused: number; gaveUp: number };
  /** Answers the clients retried (5xx, 429, idempotency-in-progress, dropped connections), by `status code`. */
  retried: Record<string, number>;
  /** Final refusals (sold-out, limit-reached, out-of-stock...), by `status code`. */
  refused: Record<string, number>;
  /** Times the faults fired (ots-local rules, or requests doomed with their instance). */
  faultsFired: number;
  /** Failures the functions logged in the phase, by how they reached the caller (see `WATCHED_LINES`). */
  functionLog: Record<string, number>;
  /** Timer jobs run under the faults, and how many of those failed. */
  recoveryUnderFaults: { runs: number; failed: number };
  checks: CheckResult[];
}

export interface PhaseOptions {
  /** How long new logical requests are started. */
  seconds: number;
  users: number;
}

/**
 * One phase: fresh fixtures; the fault on while shoppers drive the platform (and the timer jobs
 * run as they would every minute); the fault off when new requests stop, the last ones finish;
 * recovery; every invariant checked.
 *
 * @example
 * const report = await runPhase(platform, FAULT_CLASSES[0], 1, { seconds: 12, users: 8 });
 */
export async function runPhase(
  platform: ChaosPlatform,
  fault: FaultClass,
  phase: number,
  options: PhaseOptions,
): Promise<PhaseReport> {
  const fixtures = await createFixtures(platform, phase, options.seconds + 2);
  const since = Date.now();
  const tally = new Tally();
  await fault.on(platform);
  const stopAt = Date.now() + options.seconds * 1000;
  const faultsOff = new Promise<number>((resolve, reject) =>
    setTimeout(() => fault.off(platform).then(resolve, reject), options.seconds * 1000),
  );
  faultsOff.catch(() => {}); // awaited below, after the last request; a failure surfaces there
  const underFaults = { runs: 0, failed: 0 };
  const jobs = (async () => {
    while (Date.now() < stopAt - 1000) {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const firings = await fireJobs(platform.dev, 1).catch(() => undefined);
      underFaults.runs += 2;
      underFaults.failed += firings ? firings.filter((firing) => firing.status !== 200).length : 2;
    }
  })();
  const ack = await drive(platform.shoppers, fixtures, tally, { seconds: options.seconds, users: options.users, seed: phase });
  const faultsFired = await faultsOff;
  await jobs;
  await recover(platform.dev, Date.now(), fixtures.saleEndsAt);
  const functionLog = await platform.functionLog(since, Date.now()); // after the recovery: lines come up to a second late
  const checks = await checkInvariants(platform, fixtures, ack);
  const acknowledged =
    ack.coupons.length +
    [...ack.orders.values()].reduce((n, o) => n + 1 + (o.paid || o.cancelled ? 1 : 0), 0) +
    ack.points.filter((p) => p.entryId).length;
  return {
    fault: fault.name,
    rate: fault.rate,
    requests: tally.requests,
    operations: { acknowledged, refused: [...tally.refused.values()].reduce((a, b) => a + b, 0), gaveUp: tally.gaveUp },
    retried: Object.fromEntries(tally.retried),
    refused: Object.fromEntries(tally.refused),
    faultsFired,
    functionLog,
    recoveryUnderFaults: underFaults,
    checks,
  };
}
