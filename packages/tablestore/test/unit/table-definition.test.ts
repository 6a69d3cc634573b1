import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, defineTable } from '../../src/index.js';
import { createParams } from '../../src/ensure-tables.js';
import { describedKeyColumns, keySchemaDifferences } from '../../src/key-schema.js';

const require = createRequire(import.meta.url);
const proto = require('tablestore/lib/protocol/tablestore_compiled_proto.js').main.proto as {
  DescribeTableResponse: {
    encode(m: unknown): { finish(): Uint8Array };
    decode(b: Uint8Array): unknown;
    create(p: object): unknown;
  };
};

const orders = defineTable({
  name: 'orders',
  primaryKey: [
    { name: 'memberId', type: 'string' },
    { name: 'orderNo', type: 'integer', autoIncrement: true },
  ],
  columns: { total: 'double', status: 'string' },
  options: { timeToLiveSeconds: 86400 * 30 },
});

/** A DescribeTableResponse as the SDK decodes it from the wire. */
function described(primaryKey: object[]) {
  const R = proto.DescribeTableResponse;
  const msg = R.create({
    tableMeta: { tableName: 'orders', primaryKey },
    reservedThroughputDetails: { capacityUnit: { read: 0, write: 0 }, lastIncreaseTime: 0 },
    tableOptions: {},
    tableStatus: 1,
  });
  return R.decode(R.encode(msg).finish());
}

describe('defineTable', () => {
  it('rejects invalid definitions at once', () => {
    const bad = [
      { name: '1orders', primaryKey: [{ name: 'id', type: 'string' }] },
      { name: 'o', primaryKey: [] },
      {
        name: 'o',
        primaryKey: [
          { name: 'a', type: 'string' },
          { name: 'a', type: 'string' },
        ],
      },
      { name: 'o', primaryKey: [{ name: 'a', type: 'integer', autoIncrement: true }] },
      {
        name: 'o',
        primaryKey: [
          { name: 'a', type: 'string' },
          { name: 'b', type: 'string', autoIncrement: true },
        ],
      },
      { name: 'o', primaryKey: [{ name: 'a', type: 'float' }] },
      { name: 'o', primaryKey: [{ name: 'a', type: 'string' }], columns: { timestamp: 'integer' } },
      { name: 'o', primaryKey: [{ name: 'a', type: 'string' }], options: { timeToLiveSeconds: 60 } },
    ];
    for (const def of bad) expect(() => defineTable(def as never), JSON.stringify(def)).toThrow(InvalidParameterError);
  });

  it('builds CreateTable parameters in the SDK shape', () => {
    expect(createParams(orders)).toEqual({
      tableMeta: {
        tableName: 'orders',
        primaryKey: [
          { name: 'memberId', type: 'STRING' },
          { name: 'orderNo', type: 'INTEGER', option: 'AUTO_INCREMENT' },
        ],
        definedColumn: [
          { name: 'total', type: 2 },
          { name: 'status', type: 4 },
        ],
      },
      reservedThroughput: { capacityUnit: { read: 0, write: 0 } },
      tableOptions: { timeToLive: 2592000, maxVersions: 1 },
    });
  });
});

describe('key schema comparison', () => {
  it("ignores protobufjs's prototype default option (AUTO_INCREMENT) on plain columns", () => {
    const cols = describedKeyColumns(
      described([
        { name: 'memberId', type: 2 },
        { name: 'orderNo', type: 1, option: 1 },
      ]),
    );
    expect(cols).toEqual([
      { name: 'memberId', type: 2, autoIncrement: false },
      { name: 'orderNo', type: 1, autoIncrement: true },
    ]);
    expect(keySchemaDifferences(orders, cols)).toEqual([]);
  });

  it('explains each difference', () => {
    expect(keySchemaDifferences(orders, [{ name: 'memberId', type: 2, autoIncrement: false }])[0]).toMatch(/key has 1 columns/);
    expect(
      keySchemaDifferences(orders, [
        { name: 'memberId', type: 1, autoIncrement: false },
        { name: 'orderNo', type: 1, autoIncrement: true },
      ])[0],
    ).toMatch(/'memberId' is memberId:integer, the definition says string/);
    expect(
      keySchemaDifferences(orders, [
        { name: 'memberId', type: 2, autoIncrement: false },
        { name: 'orderNo', type: 1, autoIncrement: false },
      ])[0],
    ).toMatch(/not auto-increment/);
    expect(
      keySchemaDifferences(orders, [
        { name: 'member', type: 2, autoIncrement: false },
        { name: 'orderNo', type: 1, autoIncrement: true },
      ])[0],
    ).toMatch(/key column 1 is 'member'/);
  });
});
