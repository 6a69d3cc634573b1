import { NotFoundError, newId, ValidationError } from '@retail/core';
import { ConditionFailedError, shardCountFor } from '@retail/tablestore';
import type { TradingDeps } from '../deps.js';
import { outOfStock } from '../pricing.js';
import type { CreateFlashSaleInput, FlashSale } from '../types/flash-sale.js';
import { saleCounter } from './sale-counter.js';
import { saleRow, toFlashSale, type SaleRecord } from './sale-records.js';

/**
 * Creates a flash sale: its units are set aside from the store's inventory (`available` ->
 * `flashAllotted`, once) and split over shard rows. The sale row is written first (`creating`), so
 * a crash halfway is finished by the expiry job.
 *
 * @example
 * const sale = await createFlashSale(deps, { storeId, sku, price: 990, quantity: 1000, perMemberLimit: 2, startsAt, endsAt });
 */
export async function createFlashSale(deps: TradingDeps, input: CreateFlashSaleInput): Promise<FlashSale> {
  const now = deps.clock.now();
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (!(endsAt > startsAt)) throw new ValidationError([{ field: 'endsAt', messages: ['endsAt must be after startsAt'] }]);
  if (endsAt <= now) throw new ValidationError([{ field: 'endsAt', messages: ['endsAt must be in the future'] }]);
  await deps.stores.get(input.storeId);
  const offer = (await deps.stock.offers(input.storeId, [input.sku])).get(input.sku);
  if (!offer) throw new NotFoundError(`sku in store ${input.storeId}`, input.sku);
  if (offer.available < input.quantity) throw outOfStock(input.sku, offer.available);
  const sale: SaleRecord = {
    id: newId('fls', now),
    storeId: input.storeId,
    sku: input.sku,
    name: offer.name,
    price: input.price,
    quantity: input.quantity,
    perMemberLimit: input.perMemberLimit,
    startsAt,
    endsAt,
    shards: shardCountFor(input.quantity),
    state: 'creating',
    createdAt: now,
  };
  await deps.tables.sales.put(saleRow(sale), { condition: { row: 'not-exists' } });
  const running = await completeSale(deps, sale);
  return toFlashSale(running, input.quantity, now);
}

/**
 * Sets the sale's units aside and opens its shards; repeatable while the sale is `creating`. Too
 * few units left (the inventory moved since the check) removes the sale: `out-of-stock`.
 */
export async function completeSale(deps: TradingDeps, sale: SaleRecord): Promise<SaleRecord> {
  const moveId = `fs_${sale.id}`;
  const moved = await deps.stock.move(sale.storeId, sale.sku, moveId, {
    available: -sale.quantity,
    flashAllotted: sale.quantity,
  });
  if (!moved) {
    await deps.tables.sales
      .delete({ saleId: sale.id }, { condition: { row: 'exists', columns: { column: 'state', op: '=', value: 'creating' } } })
      .catch(ignoreConditionFailed);
    throw outOfStock(sale.sku, 0);
  }
  await saleCounter(deps.tables, sale.id, sale.shards).create(sale.quantity, { state: 'open' });
  await deps.tables.sales
    .update(
      { saleId: sale.id },
      { set: { state: 'running' } },
      { condition: { row: 'exists', columns: { column: 'state', op: '=', value: 'creating' } } },
    )
    .catch(ignoreConditionFailed);
  await deps.stock.confirmMove(sale.storeId, sale.sku, moveId);
  return { ...sale, state: 'running' };
}

function ignoreConditionFailed(error: unknown): void {
  if (!(error instanceof ConditionFailedError)) throw error;
}
