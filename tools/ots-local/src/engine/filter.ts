import type { CellValue } from '../plainbuffer/index.js';
import type { Version } from './row.js';

export type Comparator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type ColumnFilter =
  | {
      kind: 'single';
      column: string;
      comparator: Comparator;
      value: CellValue;
      /** Missing column: the row is filtered out (condition fails) when true. */
      filterIfMissing: boolean;
      latestVersionOnly: boolean;
    }
  | { kind: 'composite'; combinator: 'not' | 'and' | 'or'; filters: ColumnFilter[] }
  | { kind: 'pagination'; offset: number; limit: number };

/** Reads a column's versions (newest first, already cut by TTL and time range). */
export type ColumnReader = (column: string) => readonly Version[] | undefined;

/** Whether a row passes a filter. Pagination filters shape columns, not rows, so they pass. */
export function matches(filter: ColumnFilter, read: ColumnReader): boolean {
  switch (filter.kind) {
    case 'pagination':
      return true;
    case 'composite':
      if (filter.combinator === 'not') return !matches(filter.filters[0]!, read);
      if (filter.combinator === 'and') return filter.filters.every((sub) => matches(sub, read));
      return filter.filters.some((sub) => matches(sub, read));
    case 'single': {
      const versions = read(filter.column);
      if (!versions || versions.length === 0) return !filter.filterIfMissing;
      const candidates = filter.latestVersionOnly ? versions.slice(0, 1) : versions;
      return candidates.some((version) => compareWith(filter.comparator, version.value, filter.value));
    }
  }
}

function compareWith(comparator: Comparator, actual: CellValue, expected: CellValue): boolean {
  const order = compareValues(actual, expected);
  if (order === undefined) return false;
  switch (comparator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/** Orders two values of the same type; values of different types do not compare. */
export function compareValues(a: CellValue, b: CellValue): number | undefined {
  if (typeof a !== typeof b) return undefined;
  if (Buffer.isBuffer(a)) return Buffer.isBuffer(b) ? Buffer.compare(a, b) : undefined;
  if (Buffer.isBuffer(b)) return undefined;
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b as string));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many single conditions a filter holds (the service caps them). */
export function conditionCount(filter: ColumnFilter): number {
  return filter.kind === 'composite' ? filter.filters.reduce((sum, sub) => sum + conditionCount(sub), 0) : 1;
}
