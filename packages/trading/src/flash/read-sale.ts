import { isId, NotFoundError } from '@retail/core';
import type { TradingDeps } from '../deps.js';
import type { FlashSale } from '../types/flash-sale.js';
import { completeSale } from './create-sale.js';
import { saleCounter } from './sale-counter.js';
import { saleFromRow, toFlashSale, type SaleRecord } from './sale-records.js';

/**
 * The sale row; a sale whose creation died is finished first (after the repair window). 404 when
 * there is none. A running sale is kept per process: at a peak every buyer names the same sale, and
 * its row would be one hot read per purchase. Nothing a purchase relies on can go stale: the row
 * only changes again when the sale is ended, which happens after `endsAt` (purchases are refused by
 * time, reads say `ended` by time) and drains every shard first (a take on a drained shard fails).
 */
export async function loadSale(deps: TradingDeps, saleId: string): Promise<SaleRecord> {
  if (!isId('fls', saleId)) throw new NotFoundError('flash sale', saleId);
  const kept = deps.sales.get(saleId);
  if (kept) return kept;
  const row = await deps.tables.sales.get({ saleId });
  if (!row) throw new NotFoundError('flash sale', saleId);
  const sale = saleFromRow(row);
  if (sale.state === 'running') return deps.sales.set(saleId, sale);
  if (sale.state !== 'creating') return sale;
  if (deps.clock.now() - sale.createdAt < deps.repairAfterMs) throw new NotFoundError('flash sale', saleId);
  return completeSale(deps, sale).catch(() => {
    throw new NotFoundError('flash sale', saleId);
  });
}

/**
 * A flash sale with its live `remaining` (the sum of its shards).
 *
 * @example
 * const { remaining } = await getFlashSale(deps, saleId);
 */
export async function getFlashSale(deps: TradingDeps, saleId: string): Promise<FlashSale> {
  const sale = await loadSale(deps, saleId);
  const remaining = sale.state === 'running' ? await saleCounter(deps.tables, sale.id, sale.shards).remaining() : 0;
  return toFlashSale(sale, remaining, deps.clock.now());
}
