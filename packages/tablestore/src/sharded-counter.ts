import { ConditionFailedError, InvalidParameterError } from './errors.js';
import { placeHold, readHolds, settleHold, type Hold, type SettleHoldResult } from './holds.js';
import type { Table } from './table-handle.js';
import type { ColumnCondition } from './types/conditions.js';
import type { PrimaryKey } from './types/table.js';
import type { CellValue } from './types/values.js';

// Why shards: docs/decisions/0007-holds-and-sharded-counters.md. One conditional-decrement row
// serialises every buyer of a flash sale on one partition; N rows let N decrements run at once.
// The total stays exact because every unit lives in exactly one shard row or in exactly one hold.

export interface ShardedCounterSpec<N extends string> {
  readonly table: Table<N>;
  /** The key of shard `i` (0-based), e.g. `(i) => ({ saleId, shard: i })`. */
  readonly keyOf: (shard: number) => PrimaryKey<N>;
  readonly shards: number;
  /** The integer column that holds each shard's units. */
  readonly column: string;
  /** A guard every take must also pass (`state = 'open'`). */
  readonly require?: ColumnCondition;
}

/** Units that one take holds in one shard. */
export interface ShardTake {
  readonly shard: number;
  readonly n: number;
}

export type TakeResult =
  | { readonly ok: true; readonly takes: readonly ShardTake[] }
  /**
   * `insufficient`: fewer than `n` remained when it looked (sold out). `contended`: units remain
   * but every try lost its race to other takers, again and again: busy, not sold out.
   */
  | { readonly ok: false; readonly remaining: number; readonly reason: 'insufficient' | 'contended' };

export interface TakeInput {
  /** The hold id: one per buyer's purchase (`ord_...`), the same on every shard it takes from. */
  readonly id: string;
  readonly n: number;
  readonly at: number;
  /** Kept with the hold (no `:`), for a sweep that must undo more than the take (the buyer's id). */
  readonly tag?: string;
  /**
   * The id was made for this take and never used before: a refused hold is then known not to be
   * a replay of an earlier success, and costs no read. Lost answers are still settled by reading.
   */
  readonly fresh?: boolean;
}

// Each round that fails while units remain means other takers got them: progress for someone.
const ROUNDS = 32;

/**
 * How many shards a counter of `total` units gets: enough rows that concurrent buyers rarely meet
 * on one, few enough that a sold-out check (one read of every shard) stays one small batch.
 *
 * @example
 * shardCountFor(1000); // 16
 * shardCountFor(5); // 1
 */
export function shardCountFor(total: number, { max = 16, minUnitsPerShard = 20 } = {}): number {
  return Math.max(1, Math.min(max, Math.floor(total / minUnitsPerShard)));
}

/**
 * A counter of units split over rows, taken from and given back through holds, so every take and
 * every give-back happens once whatever is retried or lost on the wire.
 *
 * @example
 * const counter = new ShardedCounter({ table: shards, keyOf: (i) => ({ saleId, shard: i }), shards: 16, column: 'remaining' });
 * await counter.create(1000, { state: 'open' });
 * const r = await counter.take({ id: orderId, n: 1, at: Date.now() });
 * if (!r.ok) throw new ConflictError('sold-out', 'The flash sale is sold out.');
 */
export class ShardedCounter<N extends string> {
  constructor(private readonly spec: ShardedCounterSpec<N>) {
    if (!Number.isInteger(spec.shards) || spec.shards < 1 || spec.shards > 100)
      throw new InvalidParameterError(`a sharded counter needs 1-100 shards, not ${spec.shards}`);
  }

  /** Writes the shard rows with `total` split evenly, plus `columns` on each; a repeated call changes nothing. */
  async create(total: number, columns: Readonly<Record<string, CellValue>> = {}): Promise<void> {
    const shares = splitTotal(total, this.spec.shards);
    await Promise.all(
      shares.map(async (units, shard) => {
        const row = { ...this.spec.keyOf(shard), ...columns, [this.spec.column]: units };
        try {
          await this.spec.table.put(row, { condition: { row: 'not-exists' } });
        } catch (error) {
          if (!(error instanceof ConditionFailedError)) throw error; // a retry of a create that landed
        }
      }),
    );
  }

  /**
   * Takes `n` units, all or none: from one shard picked at random when it has them, else gathered
   * from several. `ok: false` when fewer than `n` remain (what remained when it looked).
   */
  async take(input: TakeInput): Promise<TakeResult> {
    const first = Math.floor(Math.random() * this.spec.shards);
    if (await this.hold(first, input, input.n)) return { ok: true, takes: [{ shard: first, n: input.n }] };
    let remaining = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const values = await this.values();
      remaining = values.reduce((a, b) => a + b, 0);
      if (remaining < input.n) return { ok: false, remaining, reason: 'insufficient' };
      const whole = pickWeighted(values, input.n);
      if (whole !== undefined) {
        if (await this.hold(whole, input, input.n)) return { ok: true, takes: [{ shard: whole, n: input.n }] };
        continue;
      }
      const order = values.map((units, shard) => ({ shard, units })).sort((a, b) => b.units - a.units);
      const takes = await this.gather(order, input);
      if (takes) return { ok: true, takes };
    }
    return { ok: false, remaining, reason: 'contended' };
  }

  /** Gives taken units back to their shards (a cancelled purchase). `blocked` where `require` failed. */
  giveBack(id: string, takes: readonly ShardTake[], require?: ColumnCondition): Promise<SettleHoldResult[]> {
    return Promise.all(
      takes.map((t) =>
        settleHold(this.spec.table, this.spec.keyOf(t.shard), {
          id,
          change: { [this.spec.column]: t.n },
          ...(require ? { require } : {}),
        }),
      ),
    );
  }

  /** Makes a take final (the purchase is paid or the coupon issued): its markers go, the units stay taken. */
  confirm(id: string, takes: readonly ShardTake[]): Promise<SettleHoldResult[]> {
    return Promise.all(takes.map((t) => settleHold(this.spec.table, this.spec.keyOf(t.shard), { id })));
  }

  /** Units left in every shard, by shard index (missing rows count 0). */
  async values(): Promise<number[]> {
    const keys = Array.from({ length: this.spec.shards }, (_, i) => this.spec.keyOf(i));
    const rows = await this.spec.table.batchGet(keys, { columns: [this.spec.column] });
    return rows.map((r) => {
      if (!r.ok) throw r.error;
      return Number(r.row?.[this.spec.column] ?? 0);
    });
  }

  /** Units left in all shards together. */
  async remaining(): Promise<number> {
    return (await this.values()).reduce((a, b) => a + b, 0);
  }

  /** Every open hold, by shard: what a sweep for takes whose owner died reads. */
  async holds(): Promise<Array<Hold & { readonly shard: number; readonly n: number; readonly tag: string }>> {
    const perShard = await Promise.all(
      Array.from({ length: this.spec.shards }, async (_, shard) =>
        (await readHolds(this.spec.table, this.spec.keyOf(shard))).map((h) => {
          const [n = '0', tag = ''] = h.note.split(':');
          return { ...h, shard, n: Number(n), tag };
        }),
      ),
    );
    return perShard.flat();
  }

  private async gather(
    order: ReadonlyArray<{ shard: number; units: number }>,
    input: TakeInput,
  ): Promise<ShardTake[] | undefined> {
    const takes: ShardTake[] = [];
    let need = input.n;
    for (const { shard, units } of order) {
      if (need === 0) break;
      const n = Math.min(need, units);
      if (n > 0 && (await this.hold(shard, input, n))) {
        takes.push({ shard, n });
        need -= n;
      }
    }
    if (need === 0) return takes;
    await this.giveBack(input.id, takes);
    return undefined;
  }

  private async hold(shard: number, input: TakeInput, n: number): Promise<boolean> {
    const r = await placeHold(this.spec.table, this.spec.keyOf(shard), {
      id: input.id,
      change: { [this.spec.column]: -n },
      atLeast: { [this.spec.column]: n },
      ...(this.spec.require ? { require: this.spec.require } : {}),
      at: input.at,
      note: input.tag ? `${n}:${input.tag}` : String(n),
      ...(input.fresh ? { fresh: true } : {}),
    });
    return r.placed;
  }
}

/**
 * A shard with at least `n` units, chosen at random in proportion to its units: takers that lost
 * a race spread over the shards that still have units instead of all chasing the fullest one.
 */
function pickWeighted(values: readonly number[], n: number): number | undefined {
  const eligible = values.map((units, shard) => ({ units, shard })).filter((s) => s.units >= n);
  const total = eligible.reduce((a, s) => a + s.units, 0);
  let ticket = Math.random() * total;
  for (const s of eligible) {
    ticket -= s.units;
    if (ticket < 0) return s.shard;
  }
  return eligible.at(-1)?.shard;
}

/** `total` split over `shards` as evenly as whole units allow, the remainder on the first rows. */
export function splitTotal(total: number, shards: number): number[] {
  const base = Math.floor(total / shards);
  return Array.from({ length: shards }, (_, i) => base + (i < total % shards ? 1 : 0));
}
