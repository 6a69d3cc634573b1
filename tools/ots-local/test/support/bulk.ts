/** Bulk loading through BatchWriteRow (200 rows per request) and full range scans. */
import type { AttributeInput, Client, FullRow, GetRangeParams, PrimaryKeyColumn, PrimaryKeyInput } from './sdk.js';
import { cond, pool } from './values.js';

export interface BulkRow {
  primaryKey: PrimaryKeyInput;
  attributeColumns: AttributeInput;
}

export function bulkRow(primaryKey: PrimaryKeyInput, attributeColumns: AttributeInput): BulkRow {
  return { primaryKey, attributeColumns };
}

/** Writes every row with PUT/IGNORE; throws if any row is not acknowledged. */
export async function bulkPut(client: Client, tableName: string, rows: BulkRow[], concurrency = 4): Promise<void> {
  const batches: BulkRow[][] = [];
  for (let i = 0; i < rows.length; i += 200) batches.push(rows.slice(i, i + 200));
  await pool(batches.length, concurrency, async (b) => {
    const batch = batches[b] ?? [];
    const res = await client.batchWriteRow({
      tables: [{ tableName, rows: batch.map((r) => ({ type: 'PUT' as const, condition: cond.ignore(), ...r })) }],
    });
    const failed = res.tables.filter((r) => !r.isOk);
    if (res.tables.length !== batch.length || failed.length > 0) {
      throw new Error(
        `bulkPut: ${res.tables.length} results for ${batch.length} rows, ${failed.length} failed: ${JSON.stringify(failed[0])}`,
      );
    }
  });
}

/** A PrimaryKeyColumn[] as GetRange input. */
export function asInput(pk: PrimaryKeyColumn[]): PrimaryKeyInput {
  return pk.map((c) => ({ [c.name]: c.value }));
}

export interface Page {
  rows: FullRow[];
  next: PrimaryKeyColumn[] | null;
}

/** Follows nextStartPrimaryKey until it is null; returns every page. */
export async function scanAll(client: Client, params: GetRangeParams, maxPages = 1000): Promise<Page[]> {
  const pages: Page[] = [];
  let start = params.inclusiveStartPrimaryKey;
  for (;;) {
    const res = await client.getRange({ ...params, inclusiveStartPrimaryKey: start });
    pages.push({ rows: res.rows, next: res.nextStartPrimaryKey });
    if (!res.nextStartPrimaryKey) return pages;
    if (pages.length >= maxPages) throw new Error(`scan did not finish within ${maxPages} pages`);
    start = asInput(res.nextStartPrimaryKey);
  }
}
