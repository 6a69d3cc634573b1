// A fault seam for crash tests: wraps a bound table so that one chosen write throws as if the
// process died right there. Storage stays real; only the code after the write does not run.
import type { Table } from '@retail/tablestore';

/** Stands in for the process dying: nothing after the throw runs in that request. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

type WriteMethod = 'put' | 'update' | 'delete';

export interface FaultSpec {
  readonly method: WriteMethod;
  /** Which calls (their arguments) to fault; default every call of the method. */
  readonly when?: (args: unknown[]) => boolean;
  /** `after`: the write is applied, then the crash. `before`: crash without writing. */
  readonly crash?: 'after' | 'before';
  /** Instead of crashing, wait for this before the write goes out (a slow process). */
  readonly hold?: Promise<void>;
  /** How many matching calls to fault. Default 1. */
  readonly times?: number;
}

export interface FaultyTable<T> {
  readonly table: T;
  /** Matching calls faulted so far. */
  hits(): number;
}

/**
 * @example
 * const members = withFault(env.tables.members, { method: 'update', crash: 'after' });
 * const service = env.service({ tables: { ...env.tables, members: members.table } });
 */
export function withFault<N extends string>(table: Table<N>, spec: FaultSpec): FaultyTable<Table<N>> {
  let hits = 0;
  const original = table[spec.method] as (...args: unknown[]) => Promise<unknown>;
  const faulty = async (...args: unknown[]): Promise<unknown> => {
    const matches = hits < (spec.times ?? 1) && (spec.when?.(args) ?? true);
    if (!matches) return original(...args);
    hits += 1;
    if (spec.hold) {
      await spec.hold;
      return original(...args);
    }
    if (spec.crash === 'before') throw new SimulatedCrash(`crash before ${spec.method}`);
    await original(...args);
    throw new SimulatedCrash(`crash after ${spec.method}`);
  };
  return { table: { ...table, [spec.method]: faulty }, hits: () => hits };
}
