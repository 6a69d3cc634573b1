/** A store's stock of one sku, as the contract shows it. */
export interface InventoryItem {
  readonly storeId: string;
  readonly sku: string;
  readonly name: string;
  /** Fen. */
  readonly price: number;
  /** Units free to sell now (not held by orders, not set aside for flash sales). */
  readonly available: number;
}

/** A restock or a count: `quantity` becomes `available`; held and sold units are not touched. */
export interface PutInventoryInput {
  /** 1 to 64 characters. */
  readonly name: string;
  /** Fen, an integer from 0 to 1e9. */
  readonly price: number;
  /** An integer from 0 to 1e9. */
  readonly quantity: number;
}

export interface ListInventoryInput {
  /** 1 to 100. Default 20. */
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | null | undefined;
}

export interface InventoryPage {
  /** In sku order. */
  readonly items: InventoryItem[];
  readonly nextCursor: string | null;
}
