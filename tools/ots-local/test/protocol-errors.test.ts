/**
 * Malformed and unsupported requests get a real Tablestore error (never a crash or a hang),
 * and the server keeps serving afterwards.
 */
import { describe, expect, it } from 'vitest';
import { toFailure } from './support/errors.js';
import { decodeError, encodeListTable, rawRequest } from './support/raw.js';
import { encodeRequest } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { isReal, useTarget } from './support/target.js';
import { S, cond, latest } from './support/values.js';

const t = useTarget();

/** A table with one row, and a check that it is still served. */
async function tableWithRow(tag: string): Promise<{ name: string; stillServes: () => Promise<void> }> {
  const name = await createTable(t.client, { pk: [['id', 'STRING']], tag });
  await t.client.putRow({
    tableName: name,
    condition: cond.ignore(),
    primaryKey: [{ id: 'a' }],
    attributeColumns: [{ v: 'alive' }],
  });
  return {
    name,
    stillServes: async () => {
      const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }] });
      expect(latest(row)).toEqual({ v: S('alive') });
    },
  };
}

describe('malformed requests', () => {
  it('an unknown operation gets 400 OTSParameterInvalid', async () => {
    const { stillServes } = await tableWithRow('unknownop');
    const res = await rawRequest(t.target, { op: 'NoSuchOperation', body: encodeListTable() });
    expect(res.status).toBe(400);
    const e = decodeError(res.body);
    expect(e.code).toBe('OTSParameterInvalid');
    expect(e.message).toMatch(/unsupported operation/i);
    await stillServes();
  });

  it('a GET gets 405 OTSMethodNotAllowed', async () => {
    const { stillServes } = await tableWithRow('get');
    const res = await rawRequest(t.target, { op: 'ListTable', body: new Uint8Array(), method: 'GET' });
    expect(res.status).toBe(405);
    expect(decodeError(res.body).code).toBe('OTSMethodNotAllowed');
    await stillServes();
  });

  it('a body that is not protobuf gets 400 OTSParameterInvalid', async () => {
    const { stillServes } = await tableWithRow('badpb');
    const res = await rawRequest(t.target, { op: 'GetRow', body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]) });
    expect(res.status).toBe(400);
    expect(decodeError(res.body).code).toBe('OTSParameterInvalid');
    await stillServes();
  });

  it('a PutRow whose PlainBuffer row checksum is wrong gets 400 OTSParameterInvalid and writes nothing', async () => {
    const { name, stillServes } = await tableWithRow('badcrc');
    const req = encodeRequest('putRow', {
      tableName: name,
      condition: cond.ignore(),
      primaryKey: [{ id: 'crc' }],
      attributeColumns: [{ v: 'x' }],
    });
    const row = req.message.row as Buffer;
    expect(row[row.length - 2], 'row ends with the ROW_CHECKSUM tag').toBe(0x09);
    row[row.length - 1]! ^= 0xff;
    const res = await rawRequest(t.target, { op: 'PutRow', body: req.bytes() });
    expect(res.status).toBe(400);
    expect(decodeError(res.body).code).toBe('OTSParameterInvalid');
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'crc' }] })).row).toEqual({});
    await stillServes();
  });
});

describe.skipIf(isReal)('unsupported features (local only; the real service supports them)', () => {
  const calls: Array<[string, (table: string) => Promise<unknown>]> = [
    ['ListSearchIndex', (table) => t.client.listSearchIndex({ tableName: table })],
    ['DescribeSearchIndex', (table) => t.client.describeSearchIndex({ tableName: table, indexName: 'idx' })],
    ['ComputeSplits', (table) => t.client.computeSplits({ tableName: table, searchIndexSplitsOptions: { indexName: 'idx' } })],
    ['StartLocalTransaction', (table) => t.client.startLocalTransaction({ tableName: table, primaryKey: [{ id: 'a' }] })],
    ['CommitTransaction', () => t.client.commitTransaction({ transactionId: 'tx-1' })],
    [
      'CreateIndex',
      (table) => t.client.createIndex({ mainTableName: table, indexMeta: { name: 'gi', primaryKey: ['v'], definedColumn: [] } }),
    ],
    ['SQLQuery', (table) => t.client.sqlQuery({ query: `SELECT * FROM ${table}` })],
    ['ListKnowledgeBase (JSON API)', () => t.client.listKnowledgeBase({})],
  ];
  it.each(calls)('%s answers with an OTS error and the server keeps serving', async (_op, call) => {
    const { name, stillServes } = await tableWithRow('unsupported');
    let error: unknown;
    try {
      await call(name);
    } catch (err) {
      error = err;
    }
    expect(error, 'the call must fail').toBeDefined();
    const f = toFailure(error);
    const code = typeof f.status === 'string' && f.status.startsWith('OTS') ? f.status : f.otsCode;
    expect(code, `an OTS error code in: ${f.raw}`).toMatch(/^OTS[A-Z]\w+$/);
    if (typeof f.status === 'number') {
      expect(f.status).toBeGreaterThanOrEqual(400);
      expect(f.status).toBeLessThan(600);
    }
    await stillServes();
  });
});
