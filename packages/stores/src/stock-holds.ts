import { placeHold, settleHold, type Table } from '@retail/tablestore';

// How stock moves, and why every move is a hold: docs/decisions/0007-holds-and-sharded-counters.md.
// An inventory row keeps four counters whose sum only an inventory PUT changes:
//   available (free to sell) + held (pending orders) + sold (paid orders) + flashAllotted (flash sales)

/** A quantity of one sku. */
export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What an order line needs to know of a sku: its name, its price now, and how many are free. */
export interface SkuOffer {
  readonly sku: string;
  readonly name: string;
  readonly price: number;
  readonly available: number;
}

export type ReserveResult = { readonly ok: true } | { readonly ok: false; readonly sku: string; readonly available: number };

/** A counter move between the four columns, e.g. `{ available: 3, flashAllotted: -3 }`. */
export type StockChange = Readonly<Partial<Record<'available' | 'held' | 'sold' | 'flashAllotted', number>>>;

const OFFER_COLUMNS = ['name', 'price', 'available'];

/**
 * The stock of a store's skus as orders and flash sales move it: every move is exactly once per
 * owner id (the order or sale id), whatever is retried, replayed or lost on the wire.
 *
 * @example
 * const stock = new StockHolds(bindStoresTables(client).inventory, systemClock);
 * const r = await stock.reserve(storeId, orderId, [{ sku: 'milk-1l', quantity: 2 }]);
 * if (!r.ok) throw new ConflictError('out-of-stock', `${r.sku}: ${r.available} available`);
 */
export class StockHolds {
  constructor(
    private readonly inventory: Table<'storeId' | 'sku'>,
    private readonly clock: { now(): number },
  ) {}

  /** The offers for these skus in one read; a sku the store does not carry is absent. */
  async offers(storeId: string, skus: readonly string[]): Promise<Map<string, SkuOffer>> {
    const rows = await this.inventory.batchGet(
      skus.map((sku) => ({ storeId, sku })),
      { columns: OFFER_COLUMNS },
    );
    const offers = new Map<string, SkuOffer>();
    rows.forEach((r, i) => {
      if (!r.ok) throw r.error;
      const sku = skus[i] as string;
      if (r.row)
        offers.set(sku, { sku, name: String(r.row.name), price: Number(r.row.price), available: Number(r.row.available ?? 0) });
    });
    return offers;
  }

  /**
   * Holds every line for the order, all or nothing: the lines are held at once, and if one is
   * short the others are released before the answer. A repeated call holds nothing twice.
   */
  async reserve(storeId: string, orderId: string, lines: readonly StockLine[]): Promise<ReserveResult> {
    const at = this.clock.now();
    const results = await Promise.all(
      lines.map((line) =>
        placeHold(
          this.inventory,
          { storeId, sku: line.sku },
          {
            id: orderId,
            change: { available: -line.quantity, held: line.quantity },
            atLeast: { available: line.quantity },
            at,
            note: String(line.quantity),
          },
        ),
      ),
    );
    const short = results.findIndex((r) => !r.placed);
    if (short === -1) return { ok: true };
    await this.release(storeId, orderId, lines);
    const refused = results[short];
    const available = refused && !refused.placed ? Number(refused.values?.available ?? 0) : 0;
    return { ok: false, sku: (lines[short] as StockLine).sku, available };
  }

  /** Gives an order's held units back (cancelled, expired, abandoned); lines it never held are skipped. */
  async release(storeId: string, orderId: string, lines: readonly StockLine[]): Promise<void> {
    await Promise.all(
      lines.map((line) =>
        settleHold(
          this.inventory,
          { storeId, sku: line.sku },
          { id: orderId, change: { available: line.quantity, held: -line.quantity } },
        ),
      ),
    );
  }

  /** Turns an order's held units into sold ones (the order is paid); a repeated call changes nothing. */
  async commit(storeId: string, orderId: string, lines: readonly StockLine[]): Promise<void> {
    await Promise.all(
      lines.map((line) =>
        settleHold(
          this.inventory,
          { storeId, sku: line.sku },
          { id: orderId, change: { held: -line.quantity, sold: line.quantity } },
        ),
      ),
    );
  }

  /**
   * Moves units between a sku's counters once for `moveId` (a flash sale setting units aside,
   * returning unsold ones, selling them). The move stays marked until {@link confirmMove}: call it
   * once the owner has recorded the move, so that nothing can replay it afterwards. `false` when
   * `available` would go below zero or the sku is not there.
   */
  async move(storeId: string, sku: string, moveId: string, change: StockChange): Promise<boolean> {
    const taken = -(change.available ?? 0);
    const r = await placeHold(
      this.inventory,
      { storeId, sku },
      {
        id: moveId,
        change,
        ...(taken > 0 ? { atLeast: { available: taken } } : {}),
        at: this.clock.now(),
      },
    );
    return r.placed;
  }

  /** Forgets a recorded move's marker. */
  async confirmMove(storeId: string, sku: string, moveId: string): Promise<void> {
    await settleHold(this.inventory, { storeId, sku }, { id: moveId });
  }
}
