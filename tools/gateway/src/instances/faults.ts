/**
 * Instance faults on purpose (issue 9): a function's instances killed on demand, or a share of the
 * requests each killing the instance that runs it, so that callers meet FC's crash answers (502)
 * in tests and chaos runs. The pool owns one {@link InstanceFaults}; the admin routes of
 * `faults-api.ts` drive it.
 */
import type { Logger } from '../log.js';

/** Which instances a kill takes: the busiest ready one, or every live one. */
export type KillScope = 'one' | 'all';

/** The per-request kill rule of a function. */
export interface KillRule {
  /** Share of requests, 0..1, whose instance is killed while the request runs. */
  killProbability: number;
  /** Seed of the generator that draws them: the same seed and the same requests kill the same way. */
  seed: number;
  /** The kill comes at a uniform moment in [0, killWithinMs] after the request reached the instance; 0 means at once. */
  killWithinMs: number;
}

/** What the faults of a function show: its rule (probability 0 when none) and counters. */
export interface InstanceFaultsState extends KillRule {
  function: string;
  /** Instances killed by this module, on demand or by the rule. */
  killed: number;
  /** Requests the rule picked to die with their instance. */
  doomed: number;
}

/** A request picked by the rule: its kill is armed and fires once. */
export interface ArmedKill {
  /**
   * The instance answered before the kill fired: kill it now, so the answer is lost with it.
   * True when the request must not be answered (its failure comes with the instance's exit).
   */
  fireNow(): boolean;
  /** The request is over (answered or failed): the kill is not needed. */
  cancel(): void;
}

const NO_RULE: KillRule = { killProbability: 0, seed: 1, killWithinMs: 100 };

/**
 * One function's instance faults. `kill` is the pool's own way to end instances (SIGKILL, as a
 * crash: provisioned ones are replaced and in-flight requests fail at once).
 *
 * @example
 * const faults = new InstanceFaults('trading', (scope) => pool.killInstances(scope), log);
 * faults.set({ killProbability: 0.05, seed: 7 }); // a twentieth of requests crash their instance
 * faults.kill('all'); // ['trading-1', 'trading-2']
 */
export class InstanceFaults {
  private rule: KillRule = NO_RULE;
  private random: () => number = mulberry32(NO_RULE.seed);
  private killed = 0;
  private doomed = 0;

  constructor(
    readonly functionName: string,
    private readonly killer: (scope: KillScope) => string[],
    private readonly log: Logger = () => {},
  ) {}

  /** Kills instances now; returns the ids killed (none when nothing runs). */
  kill(scope: KillScope, why = 'on demand'): string[] {
    const ids = this.killer(scope);
    this.killed += ids.length;
    if (ids.length > 0) this.log({ level: 'warn', event: 'instance-killed', function: this.functionName, instances: ids, why });
    return ids;
  }

  /** Replaces the per-request rule; the generator restarts from the seed. */
  set(rule: Partial<KillRule> & Pick<KillRule, 'killProbability'>): InstanceFaultsState {
    this.rule = { ...NO_RULE, ...rule };
    this.random = mulberry32(this.rule.seed);
    return this.state();
  }

  /** No per-request kills any more (counters stay). */
  clear(): InstanceFaultsState {
    return this.set({ killProbability: 0 });
  }

  state(): InstanceFaultsState {
    return { function: this.functionName, ...this.rule, killed: this.killed, doomed: this.doomed };
  }

  /**
   * Called by the pool as a request is sent to an instance: draws whether it dies with it. When it
   * does, `killInstance` runs after the drawn delay, or when the answer is back, whichever is first.
   */
  arm(killInstance: () => void): ArmedKill | undefined {
    if (this.rule.killProbability <= 0 || this.random() >= this.rule.killProbability) return undefined;
    this.doomed++;
    let fired = false;
    const fire = () => {
      if (fired) return;
      fired = true;
      clearTimeout(timer);
      this.killed++;
      this.log({ level: 'warn', event: 'instance-killed', function: this.functionName, why: 'kill rule' });
      killInstance();
    };
    const timer = setTimeout(fire, Math.floor(this.random() * (this.rule.killWithinMs + 1)));
    timer.unref();
    return {
      fireNow: () => {
        fire();
        return true;
      },
      cancel: () => clearTimeout(timer),
    };
  }
}

/** A small seeded generator (mulberry32): uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
