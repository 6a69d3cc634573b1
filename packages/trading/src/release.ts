import { settleHold } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { saleCounter } from './flash/sale-counter.js';
import type { Saga } from './saga.js';

/**
 * Gives back everything an order holds: stock (or flash units), its coupon, its flash purchase
 * count. Every step is exactly once and may be repeated: this is the compensation of every step
 * of an order's creation, and what cancellation and expiry do. Returns the ids of inventory moves
 * to confirm once the caller has recorded the release (decision 0009).
 */
export async function releaseHolds(deps: TradingDeps, orderId: string, saga: Saga): Promise<string[]> {
  const moves: string[] = [];
  const steps: Array<Promise<unknown>> = [];
  if (saga.kind === 'regular') steps.push(deps.stock.release(saga.storeId, orderId, saga.lines));
  if (saga.couponId) steps.push(deps.coupons.releaseFromOrder(saga.couponId, orderId));
  if (saga.kind === 'flash' && saga.saleId) {
    const quantity = saga.lines[0]?.quantity ?? 0;
    steps.push(
      settleHold(
        deps.tables.saleBuyers,
        { saleId: saga.saleId, memberId: saga.memberId },
        { id: orderId, change: { bought: -quantity } },
      ),
      releaseFlashUnits(deps, orderId, saga).then((ids) => moves.push(...ids)),
    );
  }
  await Promise.all(steps);
  return moves;
}

/**
 * Flash units go back to their shards while the sale runs. A shard already drained (the sale
 * ended and returned its unsold units to the store) is blocked: those units go to the store's
 * inventory instead, once, and the shard's hold is then confirmed.
 */
async function releaseFlashUnits(deps: TradingDeps, orderId: string, saga: Saga): Promise<string[]> {
  const saleId = saga.saleId as string;
  const takes = saga.takes ?? (await takesOf(deps, orderId, saleId));
  const counter = saleCounter(deps.tables, saleId, Math.max(1, ...takes.map((t) => t.shard + 1)));
  const results = await counter.giveBack(orderId, takes, { column: 'state', op: '=', value: 'open' });
  const moves: string[] = [];
  await Promise.all(
    takes.map(async (take, i) => {
      if (results[i] !== 'blocked') return;
      const moveId = `fc_${orderId}_${take.shard}`;
      const sku = saga.lines[0]?.sku as string;
      await deps.stock.move(saga.storeId, sku, moveId, { available: take.n, flashAllotted: -take.n });
      await settleHold(deps.tables.saleShards, { saleId, shard: take.shard }, { id: orderId });
      moves.push(`${sku}/${moveId}`);
    }),
  );
  return moves;
}

/** The shards holding an order's units, read from the shard rows (a creation that died before recording them). */
export async function takesOf(deps: TradingDeps, orderId: string, saleId: string): Promise<Array<{ shard: number; n: number }>> {
  const sale = await deps.tables.sales.get({ saleId }, { columns: ['shards'] });
  const shards = Number(sale?.shards ?? 0);
  const holds = await saleCounter(deps.tables, saleId, Math.max(1, shards)).holds();
  return holds.filter((h) => h.id === orderId).map((h) => ({ shard: h.shard, n: h.n }));
}

/** Forgets the markers of recorded inventory moves (`sku/moveId`). */
export async function confirmMoves(deps: TradingDeps, storeId: string, moves: readonly string[]): Promise<void> {
  await Promise.all(
    moves.map((m) => {
      const [sku, moveId] = m.split('/') as [string, string];
      return deps.stock.confirmMove(storeId, sku, moveId);
    }),
  );
}
