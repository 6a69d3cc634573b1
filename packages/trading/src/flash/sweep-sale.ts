import type { TradingDeps } from '../deps.js';
import { orderKey } from '../keys.js';
import { abandonUnlessWritten, deleteDeadline } from '../order-store.js';
import { orderFromRow } from '../records.js';
import { confirmMoves, releaseHolds } from '../release.js';
import { repair } from '../touch-order.js';
import { saleCounter } from './sale-counter.js';
import type { SaleRecord } from './sale-records.js';

const BATCH = 100;

/**
 * Finds the sale's holds whose purchase died before its order was written (older than the repair
 * window, no order row) and gives their units and the buyer's count back; holds of written orders
 * past their deadline are brought up to date as any touch would. Returns the holds released.
 */
export async function sweepSale(deps: TradingDeps, sale: SaleRecord): Promise<number> {
  const cutoff = deps.clock.now() - deps.repairAfterMs;
  const holds = (await saleCounter(deps.tables, sale.id, sale.shards).holds()).filter((h) => h.at <= cutoff);
  const byOrder = new Map<string, typeof holds>();
  for (const h of holds) byOrder.set(h.id, [...(byOrder.get(h.id) ?? []), h]);
  const ids = [...byOrder.keys()];
  let released = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const rows = await deps.tables.orders.batchGet(chunk.map(orderKey));
    for (const [j, r] of rows.entries()) {
      if (!r.ok) throw r.error;
      const orderId = chunk[j] as string;
      const order = r.row ? orderFromRow(r.row) : undefined;
      if (order && order.status !== 'abandoned') {
        await repair(deps, order);
        continue;
      }
      const orderHolds = byOrder.get(orderId) ?? [];
      const memberId = orderHolds[0]?.tag ?? '';
      const quantity = orderHolds.reduce((a, h) => a + h.n, 0);
      const saga = {
        kind: 'flash' as const,
        memberId,
        storeId: sale.storeId,
        saleId: sale.id,
        lines: [{ sku: sale.sku, quantity }],
        takes: orderHolds.map((h) => ({ shard: h.shard, n: h.n })),
      };
      const state = await abandonUnlessWritten(deps, orderId, saga);
      if (state !== 'abandoned') {
        await repair(deps, state);
        continue;
      }
      const moves = await releaseHolds(deps, orderId, saga);
      await confirmMoves(deps, sale.storeId, moves);
      await deleteDeadline(deps, orderId, (orderHolds[0]?.at ?? 0) + deps.paymentWindowMs);
      released++;
    }
  }
  return released;
}
