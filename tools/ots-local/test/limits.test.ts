/**
 * Request validation and size limits (TABLESTORE.md §6). Messages are checked against the
 * real service's wording (Java/Python/.NET SDK function tests, error-code reference).
 */
import { describe, expect, it } from 'vitest';
import { expectOtsError, failureOf } from './support/errors.js';
import type { AttributeInput, PrimaryKeyInput } from './support/sdk.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { cond, latest, long, S } from './support/values.js';

const t = useTarget();

function put(tableName: string, primaryKey: PrimaryKeyInput, attributeColumns: AttributeInput = [{ v: 'x' }]): Promise<unknown> {
  return t.client.putRow({ tableName, condition: cond.ignore(), primaryKey, attributeColumns });
}

describe('primary key size', () => {
  it('a 1024-byte STRING key is accepted; 1025 bytes is rejected (bytes, not characters)', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'pklen' });
    const ok = 'é'.repeat(512); // 1024 UTF-8 bytes, 512 characters
    await put(name, [{ id: ok }]);
    expect(latest((await t.client.getRow({ tableName: name, primaryKey: [{ id: ok }] })).row)).toEqual({ v: S('x') });

    const tooLong = `${ok}a`;
    const f = await expectOtsError(put(name, [{ id: tooLong }]), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/length of primary key column/i);
    expect(f.text).toContain('1024');
    await expectOtsError(t.client.getRow({ tableName: name, primaryKey: [{ id: tooLong }] }), 'OTSParameterInvalid', 400);
  });

  it('a 1025-byte BINARY key is rejected', async () => {
    const name = await createTable(t.client, { pk: [['id', 'BINARY']], tag: 'pkbin' });
    await put(name, [{ id: Buffer.alloc(1024, 1) }]);
    const f = await expectOtsError(put(name, [{ id: Buffer.alloc(1025, 1) }]), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/length of primary key column/i);
  });
});

describe('primary key schema mismatch answers 400 OTSInvalidPK', () => {
  // Real service: "Validate PK name fail. Input: PK2, Meta: PK1." / "Validate PK size fail.
  // Input: 1, Meta: 2." / "Validate PK type fail. Input: VT_INTEGER, Meta: VT_STRING."
  // (aliyun-tablestore-python-sdk tests/row_op_test.py; a captured real response).
  const cases: Array<[string, PrimaryKeyInput, RegExp]> = [
    ['a missing key column', [{ id: 'a' }], /validate pk size fail/i],
    ['an extra key column', [{ id: 'a' }, { n: long(1) }, { extra: 'x' }], /validate pk size fail/i],
    ['a wrong key name', [{ id: 'a' }, { m: long(1) }], /validate pk name fail/i],
    ['key columns out of order', [{ n: long(1) }, { id: 'a' }], /validate pk name fail/i],
    ['a STRING where the key is INTEGER', [{ id: 'a' }, { n: '1' }], /validate pk type fail/i],
    ['an INTEGER where the key is STRING', [{ id: long(1) }, { n: long(1) }], /validate pk type fail/i],
  ];
  it.each(cases)('%s', async (_label, primaryKey, message) => {
    const name = await createTable(t.client, {
      pk: [
        ['id', 'STRING'],
        ['n', 'INTEGER'],
      ],
      tag: 'pkmismatch',
    });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['PutRow', () => put(name, primaryKey)],
      ['GetRow', () => t.client.getRow({ tableName: name, primaryKey })],
      [
        'UpdateRow',
        () =>
          t.client.updateRow({
            tableName: name,
            condition: cond.ignore(),
            primaryKey,
            updateOfAttributeColumns: [{ PUT: [{ v: 'x' }] }],
          }),
      ],
      ['DeleteRow', () => t.client.deleteRow({ tableName: name, condition: cond.ignore(), primaryKey })],
    ];
    for (const [op, call] of calls) {
      const f = await failureOf(call());
      expect([op, f.status, f.otsCode], `${op}: ${f.raw}`).toEqual([op, 400, 'OTSInvalidPK']);
      expect(f.text, op).toMatch(message);
    }
  });

  it('five primary key columns in a row are rejected with 400', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'pk5row' });
    const f = await failureOf(put(name, [{ id: 'a' }, { b: 'b' }, { c: 'c' }, { d: 'd' }, { e: 'e' }]));
    expect(f.status).toBe(400);
    // Which check fires first (key count or schema) is not documented; either code is the service's.
    expect(['OTSParameterInvalid', 'OTSInvalidPK']).toContain(f.otsCode);
  });
});

describe('attribute columns', () => {
  it('1024 columns in one write are accepted; 1025 are rejected', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'cols' });
    const cols = (n: number): AttributeInput => Array.from({ length: n }, (_, i) => ({ [`c${i}`]: long(i) }));
    await put(name, [{ id: 'ok' }], cols(1024));
    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'ok' }] });
    expect(row.attributes).toHaveLength(1024);

    // Service wording: "The number of attribute columns exceeds the limit, limit count: 1024, column count: 1025."
    const f = await expectOtsError(put(name, [{ id: 'no' }], cols(1025)), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/columns .*exceeds the limit/i);
    expect(f.text).toContain('1024');
    const g = await expectOtsError(
      t.client.updateRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: [{ id: 'no' }],
        updateOfAttributeColumns: [{ PUT: cols(1025) }],
      }),
      'OTSParameterInvalid',
      400,
    );
    expect(g.text).toMatch(/columns .*exceeds the limit/i);
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'no' }] })).row).toEqual({});
  });

  it('a 2 MiB value is accepted; one byte more is rejected', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bigval' });
    const max = 2 * 1024 * 1024;
    await put(name, [{ id: 'ok' }], [{ s: 'a'.repeat(max) }]);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'ok' }] });
    expect(String(row.attributes?.[0]?.columnValue).length).toBe(max);

    const f = await expectOtsError(put(name, [{ id: 'no' }], [{ s: 'a'.repeat(max + 1) }]), 'OTSParameterInvalid', 400);
    expect(f.text).toMatch(/length of attribute column/i);
    const g = await expectOtsError(put(name, [{ id: 'no' }], [{ b: Buffer.alloc(max + 1) }]), 'OTSParameterInvalid', 400);
    expect(g.text).toMatch(/length of attribute column/i);
  });

  it.each([
    ['bad-name', 'bad-name'],
    ['1starts_with_digit', '1starts_with_digit'],
    ['has space', 'has space'],
    ['of 256 characters', 'x'.repeat(256)],
  ])('rejects column name %s', async (_label, column) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'colname' });
    await expectOtsError(put(name, [{ id: 'a' }], [{ [column]: 'v' }]), 'OTSParameterInvalid', 400);
  });

  it('accepts a 255-character column name', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'colname255' });
    const column = `c${'x'.repeat(254)}`;
    await put(name, [{ id: 'a' }], [{ [column]: 'v' }]);
    expect(latest((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }] })).row)).toEqual({ [column]: S('v') });
  });

  it('rejects an attribute named like a primary key column', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'colpk' });
    await expectOtsError(put(name, [{ id: 'a' }], [{ id: 'shadow' }]), 'OTSParameterInvalid', 400);
  });

  it.each([NaN, Infinity, -Infinity])('rejects the double %s', async (value) => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'nan' });
    await expectOtsError(put(name, [{ id: 'a' }], [{ d: value }]), 'OTSParameterInvalid', 400);
  });

  it('rejects an UpdateRow with no column changes', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'emptyupd' });
    await expectOtsError(
      t.client.updateRow({ tableName: name, condition: cond.ignore(), primaryKey: [{ id: 'a' }], updateOfAttributeColumns: [] }),
      'OTSParameterInvalid',
      400,
    );
  });
});

describe('request size', () => {
  it('rejects a BatchWriteRow over 4 MB with OTSParameterInvalid and writes none of it', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'bw4mb' });
    const chunk = 'z'.repeat(1_500_000);
    const f = await expectOtsError(
      t.client.batchWriteRow({
        tables: [
          {
            tableName: name,
            rows: ['a', 'b', 'c'].map((id) => ({
              type: 'PUT' as const,
              condition: cond.ignore(),
              primaryKey: [{ id }],
              attributeColumns: [{ s: chunk }],
            })),
          },
        ],
      }),
      'OTSParameterInvalid',
      400,
    );
    expect(f.text).toMatch(/size/i);
    expect((await t.client.getRow({ tableName: name, primaryKey: [{ id: 'a' }] })).row).toEqual({});
  });
});
