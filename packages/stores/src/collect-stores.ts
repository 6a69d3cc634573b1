import type { StoreRecord } from './records.js';
import { readStores } from './store-repository.js';
import type { StoresTables } from './tables.js';

/** An index entry naming a store: a geo cell row or a listing row. */
export interface Candidate {
  readonly storeId: string;
}

export interface Collected<C extends Candidate> {
  /** Candidates with their store rows, in candidate order. */
  readonly found: { readonly candidate: C; readonly store: StoreRecord }[];
  /** Store rows asked for (a missing row costs a read too). */
  readonly rowsRead: number;
}

/**
 * Reads the store rows of candidates, in candidate order, until `want` stores are found or the
 * candidates run out. A candidate without a store row is the index row of a create that died before
 * its commit: it is skipped, and more candidates are read in its place.
 *
 * @example
 * const { found } = await collectStores(tables, (n) => nextCandidates(n), limit + 1);
 */
export async function collectStores<C extends Candidate>(
  tables: StoresTables,
  next: (count: number) => Promise<C[]>,
  want: number,
): Promise<Collected<C>> {
  const found: { candidate: C; store: StoreRecord }[] = [];
  let rowsRead = 0;
  while (found.length < want) {
    const need = want - found.length;
    const batch = await next(need);
    if (batch.length === 0) break;
    const stores = await readStores(
      tables,
      batch.map((c) => c.storeId),
    );
    rowsRead += batch.length;
    batch.forEach((candidate, i) => {
      const store = stores[i];
      if (store) found.push({ candidate, store });
    });
    if (batch.length < need) break;
  }
  return { found, rowsRead };
}
