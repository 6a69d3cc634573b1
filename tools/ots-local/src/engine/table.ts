import { createRequire } from 'node:module';
import type BTreeClass from 'sorted-btree';
import type { EncodedKey } from './keys.js';
import type { StoredRow } from './row.js';
import type { TableSchema } from './schema.js';

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader would hand us the wrapper.
const BTree: typeof BTreeClass = createRequire(import.meta.url)('sorted-btree').default;
type BTree<K, V> = BTreeClass<K, V>;

const compareKeys = (a: EncodedKey, b: EncodedKey): number => (a < b ? -1 : a > b ? 1 : 0);

/** One table: its schema and its rows in primary-key order. */
export class Table {
  readonly rows: BTree<EncodedKey, StoredRow>;
  private lastAutoIncrement = 0n;

  constructor(
    public schema: TableSchema,
    rows?: BTree<EncodedKey, StoredRow>,
  ) {
    this.rows = rows ?? new BTree<EncodedKey, StoredRow>(undefined, compareKeys);
    this.keyNames = schema.primaryKey.map((column) => column.name);
  }

  /** Key column names, in order; read for every row a range returns, so computed once (keys never change). */
  readonly keyNames: readonly string[];

  /** A new auto-increment value: above every earlier one, and microsecond time when that is higher. */
  nextAutoIncrement(now: number): bigint {
    const candidate = BigInt(now) * 1000n;
    this.lastAutoIncrement = candidate > this.lastAutoIncrement ? candidate : this.lastAutoIncrement + 1n;
    return this.lastAutoIncrement;
  }

  /** Keeps generated values increasing across restarts: replayed rows report the values they hold. */
  observeAutoIncrement(value: bigint): void {
    if (value > this.lastAutoIncrement) this.lastAutoIncrement = value;
  }

  autoIncrementIndex(): number {
    return this.schema.primaryKey.findIndex((column) => column.autoIncrement);
  }

  /** Writes or removes one row (the only way rows change, live or in replay). */
  apply(key: EncodedKey, row: StoredRow | null): void {
    if (row) {
      this.rows.set(key, row);
      const index = this.autoIncrementIndex();
      if (index >= 0) this.observeAutoIncrement(row.key[index] as bigint);
    } else {
      this.rows.delete(key);
    }
  }
}
