import { decodeSkuCursor } from './cursors.js';
import { checkLimit, isIntIn, isText, Problems } from './problems.js';
import { isSku } from './sku.js';
import type { ListInventoryInput, PutInventoryInput } from './types/inventory.js';

export const MAX_PRICE = 1_000_000_000;
export const MAX_QUANTITY = 1_000_000_000;

export function checkPutInventory(sku: string, input: PutInventoryInput): void {
  const p = new Problems();
  if (!isSku(sku)) p.add('sku', 'must be a letter or digit, then up to 63 letters, digits, _ or -');
  if (!isText(input.name, 1, 64)) p.add('name', 'must be 1 to 64 characters, not only spaces');
  if (!isIntIn(input.price, 0, MAX_PRICE)) p.add('price', `must be an integer number of fen from 0 to ${MAX_PRICE}`);
  if (!isIntIn(input.quantity, 0, MAX_QUANTITY)) p.add('quantity', `must be an integer from 0 to ${MAX_QUANTITY}`);
  p.throwIfAny();
}

/** The page size and the sku to start from (undefined: the first). */
export function checkListInventory(input: ListInventoryInput): { limit: number; fromSku: string | undefined } {
  const p = new Problems();
  const limit = checkLimit(p, input.limit);
  const fromSku = input.cursor === undefined || input.cursor === null ? undefined : decodeSkuCursor(input.cursor);
  if (fromSku === null) p.add('cursor', 'is not a cursor of this list');
  p.throwIfAny();
  return { limit, fromSku: fromSku ?? undefined };
}
