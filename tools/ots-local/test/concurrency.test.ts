/**
 * Row-level atomicity under real concurrency (many sockets, Promise.all): condition check and
 * write happen as one step per row.
 */
import { describe, expect, it } from 'vitest';
import { toFailure } from './support/errors.js';
import { createTable } from './support/tables.js';
import { useTarget } from './support/target.js';
import { I, S, cond, latest, long, single } from './support/values.js';

const t = useTarget();
const pk = [{ id: 'sku-1' }];

type Outcome = { ok: true } | { ok: false; status: unknown; code: string | undefined; raw: string };

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return { ok: true };
  } catch (err) {
    const f = toFailure(err);
    return { ok: false, status: f.status, code: f.otsCode, raw: f.raw };
  }
}

describe('concurrent conditional writes', () => {
  it('200 guarded decrements of a stock of 50: exactly 50 succeed, 150 fail the condition, stock ends at 0', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'stock' });
    await t.client.putRow({ tableName: name, condition: cond.ignore(), primaryKey: pk, attributeColumns: [{ stock: long(50) }] });
    const client = t.newClient({ maxSockets: 256 });

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        outcome(
          client.updateRow({
            tableName: name,
            condition: cond.exist(single('stock', 'GREATER_THAN', long(0), false)),
            primaryKey: pk,
            updateOfAttributeColumns: [{ INCREMENT: [{ stock: long(-1) }] }],
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.ok).length;
    const failures = results.filter((r): r is Extract<Outcome, { ok: false }> => !r.ok);
    const unexpected = failures.filter((f) => f.code !== 'OTSConditionCheckFail' || f.status !== 403);
    expect(unexpected.slice(0, 3), 'every failure must be 403 OTSConditionCheckFail').toEqual([]);
    expect(ok).toBe(50);
    expect(failures).toHaveLength(150);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: pk });
    expect(latest(row)).toEqual({ stock: I(0) });
  });

  it('100 concurrent EXPECT_NOT_EXIST puts of one row: exactly one wins and its value is stored', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'unique' });
    const client = t.newClient({ maxSockets: 256 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        outcome(
          client.putRow({
            tableName: name,
            condition: cond.notExist(),
            primaryKey: [{ id: 'phone-1' }],
            attributeColumns: [{ owner: `m${i}` }],
          }),
        ),
      ),
    );
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    const failures = results.filter((r): r is Extract<Outcome, { ok: false }> => !r.ok);
    expect(failures.filter((f) => f.code !== 'OTSConditionCheckFail' || f.status !== 403).slice(0, 3)).toEqual([]);
    expect(winners).toHaveLength(1);
    const { row } = await t.client.getRow({ tableName: name, primaryKey: [{ id: 'phone-1' }] });
    expect(latest(row)).toEqual({ owner: S(`m${winners[0]}`) });
  });

  it('100 concurrent unconditional increments all count', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'counter' });
    const client = t.newClient({ maxSockets: 256 });
    await Promise.all(
      Array.from({ length: 100 }, () =>
        client.updateRow({
          tableName: name,
          condition: cond.ignore(),
          primaryKey: pk,
          updateOfAttributeColumns: [{ INCREMENT: [{ n: long(1) }] }],
        }),
      ),
    );
    expect(latest((await t.client.getRow({ tableName: name, primaryKey: pk })).row)).toEqual({ n: I(100) });
  });

  it('concurrent whole-row puts and reads: a reader never sees half a put', async () => {
    const name = await createTable(t.client, { pk: [['id', 'STRING']], tag: 'torn' });
    const client = t.newClient({ maxSockets: 256 });
    // Every write sets a and b to the same value; a reader must never see them differ.
    const writers = Array.from({ length: 40 }, (_, i) =>
      client.putRow({
        tableName: name,
        condition: cond.ignore(),
        primaryKey: pk,
        attributeColumns: [{ a: long(i) }, { b: long(i) }],
      }),
    );
    const readers = Array.from({ length: 40 }, async () => {
      const { row } = await client.getRow({ tableName: name, primaryKey: pk });
      const v = latest(row);
      if (Object.keys(v).length > 0) expect(v.a).toEqual(v.b);
    });
    await Promise.all([...writers, ...readers]);
  });
});
