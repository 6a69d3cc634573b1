import { ShardedCounter } from '@retail/tablestore';
import type { TradingTables } from '../tables.js';

/** A running sale's shards accept takes and give-backs; a drained one (the sale ended) does not. */
export const OPEN = { column: 'state', op: '=', value: 'open' } as const;

/** The sharded counter of a flash sale's units. */
export function saleCounter(tables: TradingTables, saleId: string, shards: number): ShardedCounter<'saleId' | 'shard'> {
  return new ShardedCounter({
    table: tables.saleShards,
    keyOf: (shard) => ({ saleId, shard }),
    shards,
    column: 'remaining',
    require: OPEN,
  });
}
