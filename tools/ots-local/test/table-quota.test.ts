/**
 * The instance's table quota (64 by default, 403 OTSQuotaExhausted "Number of tables exceeded the
 * quota."). Local only: a real instance's quota is an account setting and its other tables count.
 */
import { describe, expect, it } from 'vitest';
import { expectOtsError } from './support/errors.js';
import { createParams, deleteAfterTest, uniqueTableName } from './support/tables.js';
import { isReal, useTarget } from './support/target.js';

const t = useTarget();

describe.skipIf(isReal)('table quota (local only)', () => {
  it('allows 64 tables and refuses the 65th with 403 OTSQuotaExhausted; deleting one makes room', async () => {
    const existing = (await t.client.listTable({})).tableNames.length;
    const names: string[] = [];
    for (let i = existing; i < 64; i++) {
      const name = uniqueTableName(`quota${i}`);
      deleteAfterTest(t.client, name);
      await t.client.createTable(createParams(name, { pk: [['id', 'STRING']] }));
      names.push(name);
    }
    expect((await t.client.listTable({})).tableNames).toHaveLength(64);
    const extra = uniqueTableName('quota_extra');
    deleteAfterTest(t.client, extra);
    const f = await expectOtsError(
      t.client.createTable(createParams(extra, { pk: [['id', 'STRING']] })),
      'OTSQuotaExhausted',
      403,
    );
    expect(f.text).toMatch(/number of tables exceed/i);

    await t.client.deleteTable({ tableName: names[0]! });
    await t.client.createTable(createParams(extra, { pk: [['id', 'STRING']] }));
    expect((await t.client.listTable({})).tableNames).toContain(extra);
  });
});
