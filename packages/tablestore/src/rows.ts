import { InvalidParameterError } from './errors.js';
import { checkColumnName, decodeValue, encodeCell } from './values.js';
import type { SdkRow } from './sdk/sdk.js';
import type { TableDefinition } from './types/table.js';
import type { CellValue, Row, WriteRow } from './types/values.js';

/** Splits a plain row into its key and its attribute columns (undefined and null are left out). */
export function splitRow(
  table: TableDefinition,
  row: WriteRow,
): { key: Record<string, unknown>; attributes: [string, CellValue][] } {
  const key: Record<string, unknown> = {};
  const attributes: [string, CellValue][] = [];
  const pkNames = new Set(table.primaryKey.map((c) => c.name));
  for (const [name, value] of Object.entries(row)) {
    if (pkNames.has(name)) key[name] = value;
    else if (value !== undefined && value !== null) attributes.push([name, value]);
  }
  return { key, attributes };
}

/** Attribute columns as the SDK's `[{ name: value }]`. */
export function encodeAttributes(table: TableDefinition, attributes: readonly [string, CellValue][]): Record<string, unknown>[] {
  if (attributes.length > 1024) throw new InvalidParameterError(`${table.name}: more than 1024 columns in one write`);
  return attributes.map(([name, value]) => {
    checkColumnName(name);
    return { [name]: encodeCell(table, name, value) };
  });
}

/** A row the SDK decoded as one plain object, or undefined when the row is empty (not found). */
export function decodeRow(row: SdkRow | null | undefined): Row | undefined {
  if (!row) return undefined;
  const pk = row.primaryKey ?? [];
  const attrs = row.attributes ?? [];
  if (pk.length === 0 && attrs.length === 0) return undefined;
  const out: Row = {};
  for (const cell of pk) out[cell.name] = decodeValue(cell.value);
  // With several versions the newest comes first; keep it.
  for (const a of attrs) if (!(a.columnName in out)) out[a.columnName] = decodeValue(a.columnValue);
  return out;
}

/**
 * Columns to ask for: the key columns (so a row that lacks every wanted attribute still comes
 * back), the wanted ones, and those a filter reads (a filter sees an unread column as missing).
 * `strip` removes the filter's extra columns again from each row.
 */
export function columnsToRead(
  table: TableDefinition,
  wanted: readonly string[] | undefined,
  filterColumns: readonly string[],
): { columnsToGet: string[] | undefined; strip: (row: Row) => Row } {
  if (!wanted || wanted.length === 0) return { columnsToGet: undefined, strip: (r) => r };
  const pk = table.primaryKey.map((c) => c.name);
  const extra = filterColumns.filter((c) => !wanted.includes(c) && !pk.includes(c));
  const columnsToGet = [...new Set([...pk, ...wanted, ...extra])];
  if (columnsToGet.length > 128) throw new InvalidParameterError(`${table.name}: more than 128 columns to get`);
  if (extra.length === 0) return { columnsToGet, strip: (r) => r };
  return {
    columnsToGet,
    strip: (row) => {
      for (const c of extra) delete row[c];
      return row;
    },
  };
}
