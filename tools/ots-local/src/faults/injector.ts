import type { ServerResponse } from 'node:http';
import type { Message } from '../server/proto.js';
import { faultError } from './error-shapes.js';
import { seededRandom } from './random.js';
import { consumedByTable, tablesOf, unitKindsOf } from './request-facts.js';
import { Throttle } from './throttle.js';
import { FaultRuleError } from './validate.js';
import type { FaultConfig, FaultKind, FaultRule, FaultState, ThrottleRule } from './types.js';

type Identified = FaultRule & { readonly id: string };
interface Active {
  readonly rule: Identified;
  readonly random: () => number;
  matched: number;
  fired: number;
}

/** What to do with a call's answer once it is applied. */
export interface FaultPlan {
  readonly lose?: 'reset' | 'hang';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const noTotals = (): Record<FaultKind, number> => ({ latency: 0, error: 0, 'lose-response': 0, throttle: 0 });

/**
 * The fault rules in force and their counters. The server asks it before applying each call
 * (latency, an injected error, a throttling refusal) and after (capacity used, a lost answer).
 *
 * @example
 * const faults = new FaultInjector({ seed: 7, rules: [{ fault: 'error', error: 'OTSServerBusy', probability: 0.2 }] });
 */
export class FaultInjector {
  private seed = 1;
  private active: Active[] = [];
  private totals = noTotals();
  private nextId = 1;
  private readonly hung = new Set<ServerResponse>();
  private readonly throttle = new Throttle(() => this.active.map((a) => a.rule).filter(isThrottle));

  constructor(config?: FaultConfig) {
    if (config) this.set(config);
  }

  /** Replaces every rule; counters and throttle buckets start again. */
  set(config: FaultConfig): FaultState {
    this.seed = config.seed ?? 1;
    this.active = [];
    this.nextId = 1;
    this.totals = noTotals();
    this.throttle.reset();
    for (const rule of config.rules) this.add(rule);
    return this.state();
  }

  /** Adds one rule after the others. */
  add(rule: FaultRule): Identified {
    const id = rule.id ?? this.freeId();
    if (this.active.some((a) => a.rule.id === id)) throw new FaultRuleError([{ field: 'id', messages: [`'${id}' is in use`] }]);
    const identified = { ...rule, id } as Identified;
    this.active.push({ rule: identified, random: seededRandom(this.seed, this.nextId++), matched: 0, fired: 0 });
    if (rule.fault === 'throttle') this.throttle.reset();
    return identified;
  }

  /** Removes every rule and counter. */
  clear(): void {
    this.set({ rules: [] });
  }

  state(): FaultState {
    return {
      seed: this.seed,
      rules: this.active.map((a) => a.rule),
      counters: Object.fromEntries(this.active.map((a) => [a.rule.id, { matched: a.matched, fired: a.fired }])),
      totals: { ...this.totals },
    };
  }

  /** Before the call is applied: waits, or throws the injected error or refusal. */
  async before(operation: string, request: Message): Promise<FaultPlan> {
    if (this.active.length === 0) return {};
    const tables = tablesOf(operation, request);
    let delay = 0;
    for (const a of this.matching('latency', operation, tables)) if (this.fires(a)) delay += latencyOf(a);
    if (delay > 0) await sleep(delay);
    for (const a of this.matching('error', operation, tables))
      if (this.fires(a)) throw faultError((a.rule as Extract<FaultRule, { fault: 'error' }>).error);
    this.throttle.admit(tables, unitKindsOf(operation), (id, refused) => this.count(id, refused));
    for (const a of this.matching('lose-response', operation, tables))
      if (this.fires(a)) return { lose: (a.rule as Extract<FaultRule, { fault: 'lose-response' }>).mode ?? 'reset' };
    return {};
  }

  /** After the call was applied: charges the throttled tables what it consumed. */
  applied(operation: string, request: Message, response: Message): void {
    if (!this.active.some((a) => a.rule.fault === 'throttle')) return;
    for (const [table, used] of consumedByTable(operation, request, response)) this.throttle.charge(table, used.read, used.write);
  }

  /** Loses an answer: resets the connection, or keeps it open until the client gives up (or {@link endHung}). */
  lose(response: ServerResponse, mode: 'reset' | 'hang'): void {
    if (mode === 'reset') {
      response.socket?.resetAndDestroy();
      return;
    }
    this.hung.add(response);
    response.once('close', () => this.hung.delete(response));
  }

  /** Ends the connections left hanging (the server is stopping). */
  endHung(): void {
    for (const response of this.hung) response.socket?.destroy();
    this.hung.clear();
  }

  private matching(kind: FaultKind, operation: string, tables: readonly string[]): Active[] {
    return this.active.filter((a) => {
      const r = a.rule;
      if (r.fault !== kind || r.fault === 'throttle') return false;
      if (r.operation !== undefined && r.operation !== '*' && r.operation !== operation) return false;
      return r.table === undefined || r.table === '*' || tables.includes(r.table);
    });
  }

  private fires(a: Active): boolean {
    const r = a.rule as Exclude<Identified, ThrottleRule>;
    a.matched += 1;
    if (r.times !== undefined && a.fired >= r.times) return false;
    const picked = r.everyNth !== undefined ? a.matched % r.everyNth === 0 : a.random() < (r.probability ?? 1);
    if (picked) this.count(r.id, true, false);
    return picked;
  }

  private count(id: string, fired: boolean, matched = true): void {
    const a = this.active.find((x) => x.rule.id === id);
    if (!a) return;
    if (matched) a.matched += 1;
    if (!fired) return;
    a.fired += 1;
    this.totals[a.rule.fault] += 1;
  }

  private freeId(): string {
    let n = this.active.length + 1;
    while (this.active.some((a) => a.rule.id === `r${n}`)) n += 1;
    return `r${n}`;
  }
}

function latencyOf(a: Active): number {
  const ms = (a.rule as Extract<FaultRule, { fault: 'latency' }>).ms;
  if (typeof ms === 'number') return ms;
  return ms[0] + a.random() * (ms[1] - ms[0]);
}

function isThrottle(rule: Identified): rule is ThrottleRule & { readonly id: string } {
  return rule.fault === 'throttle';
}
