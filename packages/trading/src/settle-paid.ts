import { wholeYuan } from '@retail/core';
import { settleHold } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { saleCounter } from './flash/sale-counter.js';
import { markOrder } from './order-store.js';
import type { OrderRecord } from './records.js';

/**
 * A paid order's follow-ups, each exactly once and repeatable until `settled` is recorded: stock
 * held -> sold (flash: the sale's units -> sold), coupon used, points paid (ref `order:<id>`,
 * none for a total under one yuan).
 */
export async function settlePaid(deps: TradingDeps, order: OrderRecord): Promise<void> {
  if (order.settled) return;
  const moves: string[] = [];
  const steps: Array<Promise<unknown>> = [];
  if (order.kind === 'regular') {
    steps.push(deps.stock.commit(order.storeId, order.id, order.items));
  } else {
    steps.push(sellFlashUnits(deps, order).then((id) => moves.push(id)));
  }
  if (order.couponId) steps.push(deps.coupons.useForOrder(order.couponId, order.id));
  const points = wholeYuan(order.total);
  if (points > 0)
    steps.push(deps.members.changePoints(order.memberId, { delta: points, reason: 'order paid', ref: `order:${order.id}` }));
  await Promise.all(steps);
  await markOrder(deps, order.id, { settled: true });
  await Promise.all(moves.map((moveId) => deps.stock.confirmMove(order.storeId, order.items[0]?.sku as string, moveId)));
}

/**
 * The units leave the sale's allotment for `sold` in the store's inventory (one move, marked until
 * the order records `settled`), then the shard holds and the buyer's hold become final.
 */
async function sellFlashUnits(deps: TradingDeps, order: OrderRecord): Promise<string> {
  const item = order.items[0];
  if (!item || !order.saleId) throw new Error(`flash order ${order.id} has no line or sale`);
  const moveId = `fp_${order.id}`;
  await deps.stock.move(order.storeId, item.sku, moveId, { flashAllotted: -item.quantity, sold: item.quantity });
  const takes = order.takes ?? [];
  await Promise.all([
    saleCounter(deps.tables, order.saleId, Math.max(1, ...takes.map((t) => t.shard + 1))).confirm(order.id, takes),
    settleHold(deps.tables.saleBuyers, { saleId: order.saleId, memberId: order.memberId }, { id: order.id }),
  ]);
  return moveId;
}
