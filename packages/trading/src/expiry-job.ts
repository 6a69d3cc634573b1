import { DomainError } from '@retail/core';
import { INF_MIN } from '@retail/tablestore';
import type { TradingDeps } from './deps.js';
import { completeSale } from './flash/create-sale.js';
import { endSale } from './flash/end-sale.js';
import { saleFromRow, type SaleRecord } from './flash/sale-records.js';
import { sweepSale } from './flash/sweep-sale.js';
import { DEADLINE_BUCKETS } from './keys.js';
import { abandonUnlessWritten, deleteDeadline } from './order-store.js';
import { confirmMoves, releaseHolds } from './release.js';
import { decodeSaga } from './saga.js';
import { repair } from './touch-order.js';
import { readOrder } from './order-store.js';

/** What one run of the job did. */
export interface ExpiryReport {
  /** Deadline rows handled: orders expired, finished, or undone. */
  readonly ordersExamined: number;
  /** Creations that died before their order was written, undone. */
  readonly creationsUndone: number;
  readonly salesEnded: number;
  readonly unitsReturned: number;
  readonly flashHoldsReleased: number;
}

const PER_BUCKET = 200;
/** Sales are swept for dead purchases this long after they end (then every hold is settled). */
const SWEEP_AFTER_END_MS = 60 * 60_000;

/**
 * The every-minute job (an FC timer trigger in production, `pnpm dev` locally): unpaid orders past
 * their deadline expire, half-made orders are undone, unfinished follow-ups are finished, flash
 * sales past their end return their unsold units, and dead flash purchases are given back.
 * Bounded per run; what is left waits for the next minute.
 *
 * @example
 * const report = await runExpiry(deps);
 */
export async function runExpiry(deps: TradingDeps): Promise<ExpiryReport> {
  const orders = await expireDueOrders(deps);
  const sales = await maintainSales(deps);
  return { ...orders, ...sales };
}

async function expireDueOrders(deps: TradingDeps): Promise<Pick<ExpiryReport, 'ordersExamined' | 'creationsUndone'>> {
  const now = deps.clock.now();
  let ordersExamined = 0;
  let creationsUndone = 0;
  for (let bucket = 0; bucket < DEADLINE_BUCKETS; bucket++) {
    const { rows } = await deps.tables.deadlines.page({
      start: { bucket, dueAt: INF_MIN, orderId: INF_MIN },
      end: { bucket, dueAt: now + 1, orderId: INF_MIN },
      limit: PER_BUCKET,
    });
    for (const row of rows) {
      ordersExamined++;
      const orderId = String(row.orderId);
      const dueAt = Number(row.dueAt);
      const saga = decodeSaga(String(row.saga));
      const order = await readOrder(deps, orderId);
      if (order && order.status !== 'abandoned') {
        const now = await repair(deps, order);
        if (now.status !== 'pending-payment') await deleteDeadline(deps, orderId, dueAt);
        continue;
      }
      const state = await abandonUnlessWritten(deps, orderId, saga);
      if (state !== 'abandoned') {
        await repair(deps, state);
        continue;
      }
      const moves = await releaseHolds(deps, orderId, saga);
      await deleteDeadline(deps, orderId, dueAt);
      await confirmMoves(deps, saga.storeId, moves);
      creationsUndone++;
    }
  }
  return { ordersExamined, creationsUndone };
}

async function maintainSales(
  deps: TradingDeps,
): Promise<Pick<ExpiryReport, 'salesEnded' | 'unitsReturned' | 'flashHoldsReleased'>> {
  const now = deps.clock.now();
  let salesEnded = 0;
  let unitsReturned = 0;
  let flashHoldsReleased = 0;
  // Flash sales are few (operators create them); the table is read whole.
  for await (const row of deps.tables.sales.scan({ columns: SALE_COLUMNS })) {
    const sale: SaleRecord = saleFromRow(row);
    if (sale.state === 'creating') {
      if (now - sale.createdAt >= deps.repairAfterMs) await completeSale(deps, sale).catch(ignoreRefusal);
      continue;
    }
    if (sale.state === 'ended' && now - sale.endsAt > SWEEP_AFTER_END_MS) continue;
    flashHoldsReleased += await sweepSale(deps, sale);
    if (sale.state === 'running' && now >= sale.endsAt) {
      unitsReturned += await endSale(deps, sale);
      salesEnded++;
    }
  }
  return { salesEnded, unitsReturned, flashHoldsReleased };
}

const SALE_COLUMNS = [
  'storeId',
  'sku',
  'name',
  'price',
  'quantity',
  'perMemberLimit',
  'startsAt',
  'endsAt',
  'shards',
  'state',
  'createdAt',
];

/** A sale whose units are gone by now is removed by completeSale, which then refuses: nothing left to do. */
function ignoreRefusal(error: unknown): void {
  if (!(error instanceof DomainError)) throw error;
}
