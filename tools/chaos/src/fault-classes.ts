import type { FaultRule } from '@retail/ots-local';
import type { ChaosPlatform } from './platform.js';

/** One kind of failure, switched on for a phase and off after it (issue 9, "Proof"). */
export interface FaultClass {
  readonly name: string;
  /** The rate as the report shows it. */
  readonly rate: string;
  on(platform: ChaosPlatform): Promise<void>;
  /** Switches it off; resolves to how many times it fired. */
  off(platform: ChaosPlatform): Promise<number>;
}

const FUNCTIONS = ['member', 'stores', 'coupons', 'trading'] as const;
const WRITES = ['PutRow', 'UpdateRow', 'DeleteRow', 'BatchWriteRow'] as const;

/** A fault class made of ots-local rules; `off` clears them and sums what fired. */
function storageFaults(name: string, rate: string, rules: readonly FaultRule[], seed: number): FaultClass {
  return {
    name,
    rate,
    on: async ({ ots }) => {
      await ots.set({ seed, rules });
    },
    off: async ({ ots }) => {
      const { totals } = await ots.state();
      await ots.clear();
      return Object.values(totals).reduce((sum, fired) => sum + fired, 0);
    },
  };
}

/** Every function's instances die with a share of their requests (the gateway's instance faults). */
function instanceKills(probability: number, seed: number): FaultClass {
  const path = (fn: string) => `/_gateway/functions/${fn}/faults`;
  return {
    name: 'instance kills',
    rate: `${probability * 100} % of requests`,
    on: async ({ adminTransport }) => {
      for (const [i, fn] of FUNCTIONS.entries())
        await adminTransport.call('PUT', path(fn), { body: { killProbability: probability, seed: seed + i, killWithinMs: 50 } });
    },
    off: async ({ adminTransport }) => {
      let doomed = 0;
      for (const fn of FUNCTIONS) doomed += (await adminTransport.call<{ doomed: number }>('DELETE', path(fn))).doomed;
      return doomed;
    },
  };
}

/**
 * The five fault classes of issue 9, in the order a run applies them: added latency, the service's
 * busy errors, ambiguous writes (applied, answer lost) at 10 %, throttled tables, instance kills at 5 %.
 *
 * @example
 * for (const fault of FAULT_CLASSES) { await fault.on(platform); ...; await fault.off(platform); }
 */
export const FAULT_CLASSES: readonly FaultClass[] = [
  storageFaults('latency', '50 % of calls, +5..60 ms', [{ id: 'slow', fault: 'latency', probability: 0.5, ms: [5, 60] }], 11),
  storageFaults(
    'busy errors',
    '20 % of calls',
    [
      { id: 'busy', fault: 'error', error: 'OTSServerBusy', probability: 0.1 },
      { id: 'partition', fault: 'error', error: 'OTSPartitionUnavailable', probability: 0.05 },
      { id: 'quota', fault: 'error', error: 'OTSQuotaExhausted', probability: 0.03 },
      { id: 'capacity', fault: 'error', error: 'OTSNotEnoughCapacityUnit', probability: 0.02 },
    ],
    12,
  ),
  storageFaults(
    'ambiguous writes',
    '10 % of writes',
    WRITES.map((operation) => ({ id: `lost-${operation}`, fault: 'lose-response' as const, operation, probability: 0.1 })),
    13,
  ),
  storageFaults(
    'throttling',
    '40 write / 150 read CU/s per table',
    [{ id: 'reserved', fault: 'throttle', table: '*', writeCUPerSecond: 40, readCUPerSecond: 150, burst: 20 }],
    14,
  ),
  instanceKills(0.05, 15),
];
