import { isId, NotFoundError } from '@retail/core';
import { ConditionFailedError, TablestoreError } from '@retail/tablestore';
import { encodeSkuCursor } from './cursors.js';
import type { StoresDeps } from './deps.js';
import { checkListInventory, checkPutInventory } from './inventory-checks.js';
import { INVENTORY_COLUMNS, parseInventoryRow } from './records.js';
import { isSku } from './sku.js';
import { storeExists } from './store-repository.js';
import type { InventoryItem, InventoryPage, ListInventoryInput, PutInventoryInput } from './types/inventory.js';

/**
 * Sets a sku's name, price and available units in a store (a restock or a count). An existing row
 * keeps its held, sold and flash-sale counters (and anything else in it); a new one starts them at 0.
 */
export async function putInventory(
  deps: StoresDeps,
  storeId: string,
  sku: string,
  input: PutInventoryInput,
): Promise<InventoryItem> {
  checkPutInventory(sku, input);
  if (!(await storeExists(deps.tables, storeId))) throw new NotFoundError('store', storeId);
  const key = { storeId, sku };
  const set = { name: input.name, price: input.price, available: input.quantity, updatedAt: deps.clock.now() };
  // Usually the row exists (a restock): one conditional update. A new row is put only where none
  // is; if another writer creates it first, ours becomes an update of theirs.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await deps.tables.inventory.update(key, { set }, { condition: { row: 'exists' } });
      return { storeId, sku, name: input.name, price: input.price, available: input.quantity };
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
    }
    try {
      await deps.tables.inventory.put(
        { ...key, ...set, held: 0, sold: 0, flashAllotted: 0 },
        { condition: { row: 'not-exists' } },
      );
      return { storeId, sku, name: input.name, price: input.price, available: input.quantity };
    } catch (error) {
      const taken = error instanceof ConditionFailedError || (error instanceof TablestoreError && error.ambiguous);
      if (!taken) throw error;
    }
  }
  throw new Error(`inventory ${storeId}/${sku}: the row kept appearing and disappearing`);
}

/** One sku of a store, or NotFoundError (unknown store, sku not carried, malformed either). */
export async function getInventory(deps: StoresDeps, storeId: string, sku: string): Promise<InventoryItem> {
  const row =
    isId('sto', storeId) && isSku(sku)
      ? await deps.tables.inventory.get({ storeId, sku }, { columns: INVENTORY_COLUMNS })
      : undefined;
  if (!row) throw new NotFoundError('inventory item', `${storeId}/${sku}`);
  return parseInventoryRow(row);
}

/** A page of a store's inventory in sku order; NotFoundError for an unknown store. */
export async function listInventory(deps: StoresDeps, storeId: string, input: ListInventoryInput): Promise<InventoryPage> {
  const { limit, fromSku } = checkListInventory(input);
  if (!isId('sto', storeId)) throw new NotFoundError('store', storeId);
  const [exists, page] = await Promise.all([
    storeExists(deps.tables, storeId),
    deps.tables.inventory.page({
      start: fromSku === undefined ? { storeId } : { storeId, sku: fromSku },
      end: { storeId },
      limit: limit + 1,
      columns: INVENTORY_COLUMNS,
    }),
  ]);
  if (!exists) throw new NotFoundError('store', storeId);
  const items = page.rows.map(parseInventoryRow);
  const next = items[limit];
  return { items: items.slice(0, limit), nextCursor: next ? encodeSkuCursor(next.sku) : null };
}
