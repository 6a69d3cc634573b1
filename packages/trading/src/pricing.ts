import { ConflictError, NotFoundError, sumFen, ValidationError } from '@retail/core';
import type { SkuOffer } from '@retail/stores';
import type { OrderItem } from './types/order.js';

/** Refuses a sku listed twice: one line per sku, so each line is one hold. */
export function checkDistinctSkus(items: ReadonlyArray<{ sku: string }>): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const seen = first.get(item.sku);
    if (seen !== undefined) {
      throw new ValidationError([
        { field: `items[${i}].sku`, messages: [`sku '${item.sku}' is already ordered in items[${seen}]`] },
      ]);
    }
    first.set(item.sku, i);
  });
}

/**
 * The order's lines priced from the store's inventory, never from the caller. A sku the store does
 * not carry is 404; a line with fewer units available than ordered is `out-of-stock` before
 * anything is held (the holds check again, atomically).
 */
export function priceLines(
  storeId: string,
  items: ReadonlyArray<{ sku: string; quantity: number }>,
  offers: ReadonlyMap<string, SkuOffer>,
): OrderItem[] {
  return items.map((item) => {
    const offer = offers.get(item.sku);
    if (!offer) throw new NotFoundError(`sku in store ${storeId}`, item.sku);
    if (offer.available < item.quantity) throw outOfStock(item.sku, offer.available);
    return {
      sku: item.sku,
      name: offer.name,
      price: offer.price,
      quantity: item.quantity,
      subtotal: offer.price * item.quantity,
    };
  });
}

export function subtotalOf(items: readonly OrderItem[]): number {
  return sumFen(items.map((i) => i.subtotal));
}

export function outOfStock(sku: string, available: number): ConflictError {
  return new ConflictError('out-of-stock', `Only ${available} of '${sku}' available; nothing was reserved.`);
}
