import { createRequire } from 'node:module';
import TableStore from 'tablestore';
import { describe, expect, it } from 'vitest';
import { Double, InvalidParameterError, defineTable, double } from '../../src/index.js';
import { conditionColumns, isConditional, toSdkColumnCondition, toSdkCondition } from '../../src/conditions.js';
import { fromSdkInt64 } from '../../src/int64.js';
import { isSdkInt64 } from '../../src/sdk/sdk.js';

const require = createRequire(import.meta.url);
type Enc = { encoder: { _makeColumnCondition(proto: object, c: unknown): void } };
const filterProto = require('tablestore/lib/protocol/tablestore_compiled_proto.js').filter.proto as {
  Filter: { encode(m: unknown): { finish(): Uint8Array }; create(p: object): unknown };
};

/** The bytes the SDK sends for a column condition. */
function wire(c: unknown): string {
  const props = {};
  (TableStore as unknown as Enc).encoder._makeColumnCondition(props, c);
  return Buffer.from(filterProto.Filter.encode(filterProto.Filter.create(props)).finish()).toString('hex');
}

const t = defineTable({
  name: 'items',
  primaryKey: [{ name: 'id', type: 'string' }],
  columns: { price: 'double', stock: 'integer', name: 'string' },
});

describe('condition translation', () => {
  it("matches the wire vector for s == 'x' (passIfMissing true)", () => {
    const c = toSdkColumnCondition(t, { column: 's', op: '=', value: 'x', passIfMissing: true });
    expect(wire(c)).toBe('0801121108011201731a0603010000007820002801');
  });

  it('defaults passIfMissing to false: a guard fails on a missing column', () => {
    const c = toSdkColumnCondition(t, { column: 'stock', op: '>=', value: 5 }) as TableStore.SingleColumnCondition;
    expect(c.passIfMissing).toBe(false);
    expect(c.comparator).toBe(TableStore.ComparatorType.GREATER_EQUAL);
    expect(isSdkInt64(c.columnValue)).toBe(true);
    expect(fromSdkInt64(c.columnValue as never)).toBe(5);
  });

  it('writes integers as Int64 and declared or wrapped doubles as DOUBLE', () => {
    const int = toSdkColumnCondition(t, { column: 'other', op: '<', value: 3 }) as TableStore.SingleColumnCondition;
    expect(isSdkInt64(int.columnValue)).toBe(true);
    const declared = toSdkColumnCondition(t, { column: 'price', op: '<', value: 3 }) as TableStore.SingleColumnCondition;
    expect(declared.columnValue).toBe(3);
    const wrapped = toSdkColumnCondition(t, { column: 'other', op: '<', value: double(3) }) as TableStore.SingleColumnCondition;
    expect(wrapped.columnValue).toBe(3);
    expect(double(2)).toBeInstanceOf(Double);
  });

  it('composes and / or / not into CompositeCondition trees', () => {
    const c = toSdkColumnCondition(t, {
      and: [
        { column: 'stock', op: '>=', value: 1 },
        { or: [{ column: 'name', op: '=', value: 'a' }, { not: { column: 'name', op: '=', value: 'b' } }] },
      ],
    }) as TableStore.CompositeCondition;
    expect(c.combinator).toBe(TableStore.LogicalOperator.AND);
    const or = c.sub_conditions[1] as TableStore.CompositeCondition;
    expect(or.combinator).toBe(TableStore.LogicalOperator.OR);
    const not = or.sub_conditions[1] as TableStore.CompositeCondition;
    expect(not.combinator).toBe(TableStore.LogicalOperator.NOT);
    expect(not.sub_conditions).toHaveLength(1);
    expect(wire(c)).toMatch(/^0802/); // FT_COMPOSITE_COLUMN_VALUE, encodable
    expect(conditionColumns({ and: [{ column: 'a', op: '=', value: 1 }, { not: { column: 'b', op: '=', value: 1 } }] })).toEqual([
      'a',
      'b',
    ]);
  });

  it('collapses a one-element and/or to its element', () => {
    const c = toSdkColumnCondition(t, { or: [{ column: 'stock', op: '=', value: 1 }] });
    expect(c).toBeInstanceOf(TableStore.SingleColumnCondition);
  });

  it('builds the row existence of write conditions', () => {
    expect(toSdkCondition(t, undefined).rowExistenceExpectation).toBe(0);
    expect(toSdkCondition(t, { row: 'exists' }).rowExistenceExpectation).toBe(1);
    const c = toSdkCondition(t, { row: 'not-exists', columns: { column: 'stock', op: '>', value: 0 } });
    expect(c.rowExistenceExpectation).toBe(2);
    expect(c.columnCondition).toBeInstanceOf(TableStore.SingleColumnCondition);
    expect(isConditional(undefined)).toBe(false);
    expect(isConditional({ row: 'exists' })).toBe(true);
  });

  it('rejects bad conditions before anything is sent', () => {
    expect(() => toSdkColumnCondition(t, { column: 'stock', op: '~' as never, value: 1 })).toThrow(InvalidParameterError);
    expect(() => toSdkColumnCondition(t, { and: [] })).toThrow(/at least one/);
    expect(() => toSdkColumnCondition(t, { column: 'price', op: '=', value: 'x' })).toThrow(/declared 'double'/);
    expect(() => toSdkColumnCondition(t, { column: 'stock', op: '=', value: 1.5 })).toThrow(InvalidParameterError);
    expect(() => toSdkColumnCondition(t, { column: 'bad name', op: '=', value: 1 })).toThrow(InvalidParameterError);
    expect(() => toSdkCondition(t, { row: 'maybe' as never })).toThrow(InvalidParameterError);
  });
});
