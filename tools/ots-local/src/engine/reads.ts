import type { ResponseCell, ResponseRow } from '../plainbuffer/index.js';
import { matches, type ColumnFilter } from './filter.js';
import { isVisible, ttlFloor, type StoredRow, type Version } from './row.js';
import type { Table } from './table.js';

export interface TimeRange {
  start?: number;
  end?: number;
  specific?: number;
}

/** What a read asks for, shared by GetRow, BatchGetRow and GetRange. */
export interface ReadOptions {
  columnsToGet: readonly string[];
  maxVersions: number;
  timeRange?: TimeRange;
  filter?: ColumnFilter;
  startColumn?: string;
  endColumn?: string;
}

/**
 * Shapes a stored row as a read returns it, or null when the read sees no row: filtered out, or
 * none of the requested columns present. The primary key always comes back with the cells.
 */
export function project(table: Table, row: StoredRow, options: ReadOptions, now: number): ResponseRow | null {
  const floor = ttlFloor(table.schema.options.timeToLive, now);
  const keyNames = table.keyNames;
  const wanted = options.columnsToGet.length > 0 ? new Set(options.columnsToGet) : undefined;
  const versionsOf = (column: string): Version[] | undefined => {
    const versions = row.columns.get(column);
    if (!versions) return undefined;
    const kept = versions.filter((version) => version.ts >= floor && inRange(version.ts, options.timeRange));
    // A lowered table max_versions hides the older versions at once, before any compaction.
    return kept.length > 0 ? kept.slice(0, Math.min(options.maxVersions, table.schema.options.maxVersions)) : undefined;
  };
  if (options.filter && !matches(options.filter, (column) => (!wanted || wanted.has(column) ? versionsOf(column) : undefined))) {
    return null;
  }
  let names = [...row.columns.keys()].sort();
  if (wanted) names = names.filter((name) => wanted.has(name));
  if (options.startColumn !== undefined) names = names.filter((name) => name >= options.startColumn!);
  if (options.endColumn !== undefined) names = names.filter((name) => name < options.endColumn!);
  const cells: ResponseCell[] = [];
  let present = 0;
  for (const name of names) {
    const versions = versionsOf(name);
    if (!versions) continue;
    present++;
    for (const version of versions) cells.push({ name, value: version.value, timestamp: version.ts });
  }
  const paged = paginate(cells, options.filter);
  const asksForKey = wanted !== undefined && keyNames.some((name) => wanted.has(name));
  if (present === 0 && wanted !== undefined && !asksForKey) return null;
  if (present === 0 && !isVisible(row, floor)) return null;
  return { primaryKey: keyNames.map((name, index) => ({ name, value: row.key[index]! })), cells: paged };
}

function inRange(ts: number, range: TimeRange | undefined): boolean {
  if (!range) return true;
  if (range.specific !== undefined) return ts === range.specific;
  return (range.start === undefined || ts >= range.start) && (range.end === undefined || ts < range.end);
}

/** A column-pagination filter keeps `limit` columns after skipping `offset` (all versions of each). */
function paginate(cells: ResponseCell[], filter: ColumnFilter | undefined): ResponseCell[] {
  if (filter?.kind !== 'pagination') return cells;
  const out: ResponseCell[] = [];
  let column = -1;
  let previous: string | undefined;
  for (const cell of cells) {
    if (cell.name !== previous) {
      column++;
      previous = cell.name;
    }
    if (column >= filter.offset && column < filter.offset + filter.limit) out.push(cell);
  }
  return out;
}
