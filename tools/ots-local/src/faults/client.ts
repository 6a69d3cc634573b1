import type { FaultConfig, FaultCounter, FaultRule, FaultState } from './types.js';

/** A refusal of the admin route (a rule that does not validate, the route off). */
export class FaultAdminError extends Error {
  override name = 'FaultAdminError';
  constructor(
    readonly status: number,
    readonly problem: { code?: string; detail?: string; errors?: { field: string; messages: string[] }[] },
  ) {
    super(`ots-local admin answered ${status}: ${problem.detail ?? problem.code ?? 'no detail'}`);
  }
}

/** A typed client of a running ots-local's fault rules (it must run with `admin: true`). */
export interface OtsFaults {
  /** Replaces every rule (counters start again). A bare list means `{ rules }`. */
  set(rules: FaultConfig | readonly FaultRule[]): Promise<FaultState>;
  /** Adds one rule; resolves to it with its id. */
  add(rule: FaultRule): Promise<FaultRule & { id: string }>;
  /** Removes every rule. */
  clear(): Promise<void>;
  /** The rules, counters and totals. */
  state(): Promise<FaultState>;
  /** The counters by rule id. */
  stats(): Promise<Readonly<Record<string, FaultCounter>>>;
}

/**
 * Drives the fault rules of ots-local at `endpoint` through its admin route.
 *
 * @example
 * const ots = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
 * const faults = otsFaults(ots.endpoint);
 * await faults.set([{ fault: 'lose-response', operation: 'UpdateRow', probability: 0.1 }]);
 * // ... drive the code under test ...
 * const { r1 } = await faults.stats(); // { matched, fired }
 * await faults.clear();
 */
export function otsFaults(endpoint: string): OtsFaults {
  const url = new URL('/_admin/faults', endpoint).toString();
  const call = async <T>(method: string, body?: unknown): Promise<T> => {
    const response = await fetch(url, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) throw new FaultAdminError(response.status, text ? (JSON.parse(text) as FaultAdminError['problem']) : {});
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    set: (rules) => call<FaultState>('PUT', Array.isArray(rules) ? { rules } : rules),
    add: (rule) => call<FaultRule & { id: string }>('POST', rule),
    clear: () => call<void>('DELETE'),
    state: () => call<FaultState>('GET'),
    stats: async () => (await call<FaultState>('GET')).counters,
  };
}
