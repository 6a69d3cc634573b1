import { ConditionFailedError, InvalidParameterError, TablestoreError } from './errors.js';
import type { Table } from './table-handle.js';
import type { ColumnComparison, ColumnCondition } from './types/conditions.js';
import type { PrimaryKey } from './types/table.js';
import type { ReadValue } from './types/values.js';

// Why holds exist: docs/decisions/0007-holds-and-sharded-counters.md. A hold is a marker column
// written in the same UpdateRow as the counter change it stands for, so the change and the proof
// that it happened are one atomic fact: a lost response is settled by reading the marker, and a
// replay meets the marker and changes nothing.

/** Prefix of every hold's marker column: readers of counter rows ask for named columns only. */
export const HOLD_PREFIX = 'h_';
const ID = /^[A-Za-z0-9_]{1,200}$/;
// A value no marker ever has: `marker = NEVER` with passIfMissing is "the marker is absent".
const NEVER = '\u0000';
const MAX_ROUNDS = 5;

export interface PlaceHoldInput {
  /** Unique per row and purpose (`ord_01...`): letters, digits, underscores. */
  readonly id: string;
  /** Integer columns to add to (negative to take), applied once with the marker. */
  readonly change: Readonly<Record<string, number>>;
  /** Each column must hold at least this before the change: `{ available: 3 }`. */
  readonly atLeast?: Readonly<Record<string, number>>;
  /** A further guard on the row (`state = 'open'`). */
  readonly require?: ColumnCondition;
  /** When the hold was placed (ms): what a sweep of forgotten holds ages them by. */
  readonly at: number;
  /** What the hold is, for whoever settles or sweeps it (a quantity, an owner). */
  readonly note?: string;
  /**
   * A missing row is created by the change (its counters start at 0) instead of refusing the
   * hold: for per-owner rows such as a buyer's purchases, whose guards pass on a missing column.
   */
  readonly createRow?: boolean;
  /**
   * `id` was made for this call and never placed before, so a failed guard cannot be this hold
   * already in place: the refusal is answered without a read (`values` undefined). A lost answer
   * is still settled by reading.
   */
  readonly fresh?: boolean;
}

export type PlaceHoldResult =
  | { readonly placed: true }
  /** A guard held the change back (or the row is missing: `values` is then undefined). */
  | { readonly placed: false; readonly values: Readonly<Record<string, ReadValue>> | undefined };

export interface SettleHoldInput {
  readonly id: string;
  /** Integer columns to add to as the marker is removed (`{ available: 3, held: -3 }`); none to just confirm. */
  readonly change?: Readonly<Record<string, number>>;
  /** A further guard; when it fails the hold stays and the result is `blocked`. */
  readonly require?: ColumnCondition;
}

/** `settled`: by this call or an earlier one; `absent`: no such hold was ever placed or it was settled; `blocked`: `require` failed. */
export type SettleHoldResult = 'settled' | 'absent' | 'blocked';

export interface Hold {
  readonly id: string;
  readonly at: number;
  readonly note: string;
}

/** The marker column of a hold id. */
export function holdColumn(id: string): string {
  if (!ID.test(id)) throw new InvalidParameterError(`hold id '${id}' must be 1-200 letters, digits or underscores`);
  return HOLD_PREFIX + id;
}

/**
 * Applies `change` to a row together with a marker for `id`, at most once however often it is
 * called: a second call (a retry, a replay after a lost response) finds the marker and reports the
 * hold as placed without changing anything. A guard that fails gives `placed: false` with the
 * guarded columns' current values.
 *
 * @example
 * const r = await placeHold(inventory, { storeId, sku }, {
 *   id: orderId, change: { available: -2, held: 2 }, atLeast: { available: 2 }, at: Date.now(), note: '2',
 * });
 * if (!r.placed) throw new ConflictError('out-of-stock', `${sku}: ${r.values?.available ?? 0} left`);
 */
export async function placeHold<N extends string>(
  table: Table<N>,
  key: PrimaryKey<N>,
  input: PlaceHoldInput,
): Promise<PlaceHoldResult> {
  const marker = holdColumn(input.id);
  const guards: ColumnCondition[] = Object.entries(input.atLeast ?? {}).map(([column, value]): ColumnComparison => ({
    column,
    op: '>=',
    value,
    passIfMissing: false,
  }));
  if (input.require) guards.push(input.require);
  guards.push({ column: marker, op: '=', value: NEVER, passIfMissing: true });
  const changes = { increment: nonZero(input.change), set: { [marker]: `${input.at}|${input.note ?? ''}` } };
  const watched = [marker, ...Object.keys(input.atLeast ?? {}), ...Object.keys(input.change)];
  for (let round = 1; ; round++) {
    try {
      await table.update(key, changes, { condition: { row: input.createRow ? 'ignore' : 'exists', columns: and(guards) } });
      return { placed: true };
    } catch (error) {
      if (!(error instanceof ConditionFailedError) && !isUnknownOutcome(error)) throw error;
      if (error instanceof ConditionFailedError && input.fresh && round === 1) return { placed: false, values: undefined };
      const row = await table.get(key, { columns: watched });
      if (row?.[marker] !== undefined) return { placed: true };
      if (error instanceof ConditionFailedError) return { placed: false, values: row };
      if (round >= MAX_ROUNDS) throw error; // lost responses and no marker, again and again: give up
    }
  }
}

/**
 * Removes a hold's marker and applies `change` in the same UpdateRow, at most once: a hold that
 * is not there is `absent` and nothing changes. This is how a hold is released (give the units
 * back), committed (move them to `sold`) or confirmed (nothing to change, the marker goes).
 *
 * @example
 * await settleHold(inventory, { storeId, sku }, { id: orderId, change: { available: 2, held: -2 } });
 */
export async function settleHold<N extends string>(
  table: Table<N>,
  key: PrimaryKey<N>,
  input: SettleHoldInput,
): Promise<SettleHoldResult> {
  const marker = holdColumn(input.id);
  const present: ColumnComparison = { column: marker, op: '!=', value: NEVER, passIfMissing: false };
  const condition = { row: 'exists', columns: input.require ? and([present, input.require]) : present } as const;
  const changes = { increment: nonZero(input.change ?? {}), remove: [marker] };
  for (let round = 1; ; round++) {
    try {
      await table.update(key, changes, { condition });
      return 'settled';
    } catch (error) {
      if (!(error instanceof ConditionFailedError) && !isUnknownOutcome(error)) throw error;
      const row = await table.get(key, { columns: [marker] });
      if (row?.[marker] === undefined) return error instanceof ConditionFailedError ? 'absent' : 'settled';
      if (error instanceof ConditionFailedError) return 'blocked';
      if (round >= MAX_ROUNDS) throw error;
    }
  }
}

/**
 * The holds on a row, oldest first: what a sweep of holds whose owner died reads.
 *
 * @example
 * for (const hold of await readHolds(shards, key)) if (hold.at < cutoff) await repair(hold);
 */
export async function readHolds<N extends string>(table: Table<N>, key: PrimaryKey<N>): Promise<Hold[]> {
  const row = await table.get(key);
  if (!row) return [];
  return holdsOf(row).sort((a, b) => a.at - b.at);
}

/** The holds among a row's columns. */
export function holdsOf(row: Readonly<Record<string, ReadValue>>): Hold[] {
  const holds: Hold[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (!column.startsWith(HOLD_PREFIX) || typeof value !== 'string') continue;
    const bar = value.indexOf('|');
    holds.push({ id: column.slice(HOLD_PREFIX.length), at: Number(value.slice(0, bar)), note: value.slice(bar + 1) });
  }
  return holds;
}

/** A write whose fate the storage layer could not tell (it was sent; the answer never came). */
function isUnknownOutcome(error: unknown): boolean {
  return error instanceof TablestoreError && error.ambiguous;
}

function nonZero(change: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(change).filter(([, by]) => by !== 0));
}

function and(conditions: ColumnCondition[]): ColumnCondition {
  return conditions.length === 1 ? (conditions[0] as ColumnCondition) : { and: conditions };
}
