import { AmbiguousWriteError, ConditionFailedError } from '@retail/tablestore';
import type { TradingDeps } from '../deps.js';
import type { SaleRecord } from './sale-records.js';

/**
 * Ends a sale whose time is over: each shard is drained (its units leave the sale in one
 * conditional write, so no take or give-back can slip in between) and the units go back to the
 * store's inventory once; then the sale is `ended`. Repeatable at any point.
 */
export async function endSale(deps: TradingDeps, sale: SaleRecord): Promise<number> {
  const returned = await Promise.all(Array.from({ length: sale.shards }, (_, shard) => returnShard(deps, sale, shard)));
  await deps.tables.sales.update({ saleId: sale.id }, { set: { state: 'ended' } }, { condition: { row: 'exists' } });
  return returned.reduce((a, b) => a + b, 0);
}

async function returnShard(deps: TradingDeps, sale: SaleRecord, shard: number): Promise<number> {
  const key = { saleId: sale.id, shard };
  const units = await drain(deps, key);
  const row = await deps.tables.saleShards.get(key, { columns: ['returned'] });
  if (row?.returned === true) return 0;
  const moveId = `fr_${sale.id}_${shard}`;
  if (units > 0) await deps.stock.move(sale.storeId, sale.sku, moveId, { available: units, flashAllotted: -units });
  await deps.tables.saleShards.update(key, { set: { returned: true } }, { condition: { row: 'exists' } });
  if (units > 0) await deps.stock.confirmMove(sale.storeId, sale.sku, moveId);
  return units;
}

/** Closes a shard and returns how many units it had when it closed (also when it was closed before). */
async function drain(deps: TradingDeps, key: { saleId: string; shard: number }): Promise<number> {
  for (;;) {
    const row = await deps.tables.saleShards.get(key, { columns: ['remaining', 'state', 'drained'] });
    if (!row) return 0;
    if (row.state !== 'open') return Number(row.drained ?? 0);
    const units = Number(row.remaining ?? 0);
    try {
      await deps.tables.saleShards.update(
        key,
        { set: { state: 'drained', drained: units }, increment: { remaining: -units } },
        {
          condition: {
            row: 'exists',
            columns: {
              and: [
                { column: 'state', op: '=', value: 'open' },
                { column: 'remaining', op: '=', value: units },
              ],
            },
          },
        },
      );
      return units;
    } catch (error) {
      // Lost the race with a take or give-back, or the answer was lost: read again and decide.
      if (!(error instanceof ConditionFailedError) && !(error instanceof AmbiguousWriteError)) throw error;
    }
  }
}
