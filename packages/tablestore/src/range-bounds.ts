import { InvalidParameterError } from './errors.js';
import { INF_MAX, INF_MIN, encodeKeyValue, type KeyBoundValue } from './keys.js';
import type { RangeBound } from './types/range.js';
import type { TableDefinition } from './types/table.js';

export interface ResolvedRange {
  readonly forward: boolean;
  readonly start: KeyBoundValue[];
  readonly end: KeyBoundValue[];
}

/**
 * Whole start and end keys from partial bounds: columns after the given prefix are filled with
 * the lowest value for the start and the highest for the end (reversed when scanning backward).
 */
export function resolveRange(
  table: TableDefinition,
  start: RangeBound | undefined,
  end: RangeBound | undefined,
  direction: 'forward' | 'backward' = 'forward',
): ResolvedRange {
  if (direction !== 'forward' && direction !== 'backward')
    throw new InvalidParameterError(`direction must be forward or backward`);
  const forward = direction === 'forward';
  return {
    forward,
    start: fill(table, start, forward ? INF_MIN : INF_MAX, 'start'),
    end: fill(table, end, forward ? INF_MAX : INF_MIN, 'end'),
  };
}

function fill(table: TableDefinition, bound: RangeBound | undefined, filler: KeyBoundValue, what: string): KeyBoundValue[] {
  const b = (bound ?? {}) as Record<string, KeyBoundValue | undefined>;
  for (const name of Object.keys(b)) {
    if (!table.primaryKey.some((c) => c.name === name))
      throw new InvalidParameterError(`${table.name}: range ${what} names '${name}', not a key column`);
  }
  let gap = false;
  return table.primaryKey.map((col) => {
    const v = b[col.name];
    if (v === undefined) {
      gap = true;
      return filler;
    }
    if (gap)
      throw new InvalidParameterError(
        `${table.name}: range ${what} must give leading key columns only ('${col.name}' follows a gap)`,
      );
    encodeKeyValue(table, col, v); // type check
    return v;
  });
}

/** A resolved bound as the SDK's primary-key array. */
export function boundToSdk(table: TableDefinition, values: readonly KeyBoundValue[]): Record<string, unknown>[] {
  return table.primaryKey.map((col, i) => ({ [col.name]: encodeKeyValue(table, col, values[i]) }));
}
