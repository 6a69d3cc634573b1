import type { Fixtures } from '../fixtures.js';
import type { ChaosPlatform } from '../platform.js';
import type { Acknowledged } from '../workload.js';
import { acknowledgedChecks, apiChecks } from './acknowledged.js';
import { couponChecks } from './coupons.js';
import { orderChecks } from './orders.js';
import { pointsChecks } from './points.js';
import { stockChecks } from './stock.js';
import { readSnapshot } from './storage.js';
import type { CheckResult } from './types.js';

export type { CheckResult } from './types.js';

/**
 * Every invariant of API.md for one phase, from storage and through the API (faults off, recovery done).
 *
 * @example
 * const results = await checkInvariants(platform, fixtures, acknowledged);
 * expect(results.filter((result) => !result.passed)).toEqual([]);
 */
export async function checkInvariants(platform: ChaosPlatform, fixtures: Fixtures, ack: Acknowledged): Promise<CheckResult[]> {
  const snapshot = await readSnapshot(platform.storage, fixtures);
  return [
    ...stockChecks(fixtures, snapshot),
    ...couponChecks(fixtures, snapshot),
    ...orderChecks(snapshot),
    ...pointsChecks(snapshot),
    ...acknowledgedChecks(ack, snapshot),
    ...(await apiChecks(platform.shoppers[platform.shoppers.length - 1]!, fixtures, ack, snapshot)),
  ];
}
