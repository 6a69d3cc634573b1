import { holdColumn, holdsOf, type ShardTake, type TakeResult } from '@retail/tablestore';
import type { TradingDeps } from '../deps.js';
import { saleCounter } from './sale-counter.js';
import type { SaleRecord } from './sale-records.js';

export interface UnitsWanted {
  /** The order id: the hold id on every shard the units come from. */
  readonly id: string;
  readonly n: number;
  readonly at: number;
  /** The buyer, kept with the hold for the sweep. */
  readonly memberId: string;
}

/**
 * Takes the purchase's units from the sale's shards, once per order id even when the purchase is
 * retried. A take is only exactly-once on the shard it lands on (a replay picks a shard at random
 * and would hold units there again), so a retry first reads every shard for its order's marker:
 * what an earlier attempt took is used as it is; a gather that died halfway is given back whole
 * and taken again. A first attempt (`fresh`: the id is new) skips the read.
 */
export async function takeUnits(deps: TradingDeps, sale: SaleRecord, wanted: UnitsWanted, fresh: boolean): Promise<TakeResult> {
  const counter = saleCounter(deps.tables, sale.id, sale.shards);
  const input = { id: wanted.id, n: wanted.n, at: wanted.at, tag: wanted.memberId };
  if (fresh) return counter.take({ ...input, fresh: true });
  const earlier = await heldBy(deps, sale, wanted.id);
  const held = earlier.reduce((sum, t) => sum + t.n, 0);
  if (held === wanted.n) return { ok: true, takes: earlier };
  if (held > 0) await counter.giveBack(wanted.id, earlier);
  return counter.take(input);
}

/** The units held on each shard under `orderId` (one BatchGetRow of the marker column). */
async function heldBy(deps: TradingDeps, sale: SaleRecord, orderId: string): Promise<ShardTake[]> {
  const marker = holdColumn(orderId);
  const keys = Array.from({ length: sale.shards }, (_, shard) => ({ saleId: sale.id, shard }));
  const rows = await deps.tables.saleShards.batchGet(keys, { columns: [marker] });
  const takes: ShardTake[] = [];
  rows.forEach((r, shard) => {
    if (!r.ok) throw r.error;
    // The counter's note is `<n>:<tag>` (ShardedCounter.holds reads it the same way).
    for (const hold of r.row ? holdsOf(r.row) : []) takes.push({ shard, n: Number(hold.note.split(':')[0]) });
  });
  return takes;
}
