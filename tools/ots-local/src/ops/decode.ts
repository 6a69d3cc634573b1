import { invalidParameter } from '../engine/errors.js';
import type { ColumnFilter, Comparator } from '../engine/filter.js';
import type { ReadOptions, TimeRange } from '../engine/reads.js';
import type { Condition, ReturnContent, RowExistence } from '../engine/writes.js';
import { PlainBufferError, readRow, readSingleValue, type RequestRow } from '../plainbuffer/index.js';
import { filterPb, has, toNumber, type Message } from '../server/proto.js';

/** Request fields shared by several operations, from protobuf into engine terms. */

export function decodeRow(bytes: Uint8Array | undefined, field: string): RequestRow {
  if (!bytes || bytes.length === 0) throw invalidParameter(`The ${field} is missing.`);
  try {
    return readRow(bytes);
  } catch (error) {
    if (error instanceof PlainBufferError) throw invalidParameter(`Invalid ${field}: ${error.message}`);
    throw error;
  }
}

const EXISTENCE: Record<number, RowExistence> = { 0: 'ignore', 1: 'expect-exist', 2: 'expect-not-exist' };
const COMPARATORS: Record<number, Comparator> = { 1: 'eq', 2: 'ne', 3: 'gt', 4: 'ge', 5: 'lt', 6: 'le' };
const COMBINATORS = { 1: 'not', 2: 'and', 3: 'or' } as const;
const MAX_CONDITIONS = 32;

export function decodeCondition(condition: Message | null | undefined): Condition {
  if (!condition) return { rowExistence: 'ignore' };
  const rowExistence = EXISTENCE[condition.rowExistence as number];
  if (!rowExistence) throw invalidParameter(`Invalid row existence expectation: ${condition.rowExistence}.`);
  const bytes = condition.columnCondition as Uint8Array | undefined;
  if (!has(condition, 'columnCondition') || !bytes || bytes.length === 0) return { rowExistence };
  const columnCondition = decodeFilter(bytes);
  if (columnCondition.kind === 'pagination') throw invalidParameter('A column pagination filter can not be a condition.');
  return { rowExistence, columnCondition };
}

export function decodeFilter(bytes: Uint8Array): ColumnFilter {
  let count = 0;
  const visit = (message: Message): ColumnFilter => {
    const payload = message.filter as Uint8Array;
    switch (message.type as number) {
      case 1: {
        if (++count > MAX_CONDITIONS) throw invalidParameter(`The number of column conditions exceeds ${MAX_CONDITIONS}.`);
        const single = filterPb.SingleColumnValueFilter!.decode(payload);
        const comparator = COMPARATORS[single.comparator as number];
        if (!comparator) throw invalidParameter(`Invalid comparator: ${single.comparator}.`);
        return {
          kind: 'single',
          column: single.columnName as string,
          comparator,
          value: readSingleValue(single.columnValue as Uint8Array),
          filterIfMissing: Boolean(single.filterIfMissing),
          latestVersionOnly: single.latestVersionOnly !== false,
        };
      }
      case 2: {
        const composite = filterPb.CompositeColumnValueFilter!.decode(payload);
        const combinator = COMBINATORS[composite.combinator as 1 | 2 | 3];
        const filters = (composite.subFilters as Message[]).map(visit);
        if (!combinator) throw invalidParameter(`Invalid logical operator: ${composite.combinator}.`);
        if (combinator === 'not' ? filters.length !== 1 : filters.length < 2) {
          throw invalidParameter(
            `The ${combinator.toUpperCase()} operator has the wrong number of sub-conditions: ${filters.length}.`,
          );
        }
        return { kind: 'composite', combinator, filters };
      }
      case 3: {
        const page = filterPb.ColumnPaginationFilter!.decode(payload);
        return { kind: 'pagination', offset: page.offset as number, limit: page.limit as number };
      }
      default:
        throw invalidParameter(`Invalid filter type: ${message.type}.`);
    }
  };
  try {
    return visit(filterPb.Filter!.decode(bytes));
  } catch (error) {
    if (error instanceof PlainBufferError || (error instanceof Error && error.name !== 'OtsError')) {
      throw invalidParameter(`Invalid filter: ${error.message}`);
    }
    throw error;
  }
}

const RETURN_TYPES = { 0: 'none', 1: 'primary-key', 2: 'after-modify' } as const;

export function decodeReturnContent(content: Message | null | undefined): ReturnContent {
  if (!content) return { type: 'none', columns: [] };
  const type = RETURN_TYPES[(content.returnType ?? 0) as 0 | 1 | 2];
  if (!type) throw invalidParameter(`Invalid return type: ${content.returnType}.`);
  return { type, columns: (content.returnColumnNames as string[] | undefined) ?? [] };
}

export function decodeReadOptions(request: Message): ReadOptions {
  const columnsToGet = (request.columnsToGet as string[] | undefined) ?? [];
  if (columnsToGet.length > 128) throw invalidParameter(`The number of columns to get exceeds 128: ${columnsToGet.length}.`);
  const options: ReadOptions = {
    columnsToGet,
    maxVersions: has(request, 'maxVersions') ? (request.maxVersions as number) : 1,
  };
  if (options.maxVersions < 1) throw invalidParameter(`MaxVersions must be at least 1, got ${options.maxVersions}.`);
  if (has(request, 'timeRange') && request.timeRange) options.timeRange = decodeTimeRange(request.timeRange as Message);
  const filter = request.filter as Uint8Array | undefined;
  if (has(request, 'filter') && filter && filter.length > 0) options.filter = decodeFilter(filter);
  if (has(request, 'startColumn')) options.startColumn = request.startColumn as string;
  if (has(request, 'endColumn')) options.endColumn = request.endColumn as string;
  return options;
}

function decodeTimeRange(range: Message): TimeRange {
  const out: TimeRange = {};
  if (has(range, 'specificTime')) out.specific = toNumber(range.specificTime);
  if (has(range, 'startTime')) out.start = toNumber(range.startTime);
  if (has(range, 'endTime')) out.end = toNumber(range.endTime);
  if (out.start !== undefined && out.end !== undefined && out.start >= out.end) {
    throw invalidParameter('The start time of the time range must be less than its end time.');
  }
  return out;
}

export function consumed(read: number, write: number): Message {
  return { capacityUnit: { read, write } };
}
