/** A local server with the fault admin route on, an SDK client of it and a table to fault. */
import { afterAll, beforeAll } from 'vitest';
import { otsFaults, startOtsLocal, type OtsFaults, type OtsLocal } from '../../src/index.js';
import type { Client } from './sdk.js';
import { createParams } from './tables.js';
import { makeClient } from './target.js';
import { cond, latest } from './values.js';

export interface FaultTarget {
  ots: OtsLocal;
  client: Client;
  faults: OtsFaults;
  /** Another client with a short request timeout (for lost answers that hang). */
  impatient: Client;
}

/** Starts one server per file with `admin: true`; tables `stock` and `other` exist. */
export function useFaultTarget(): FaultTarget {
  const t = {} as FaultTarget;
  beforeAll(async () => {
    t.ots = await startOtsLocal({ port: 0, memory: true, admin: true, log: () => {} });
    t.client = makeClient(t.ots);
    t.impatient = makeClient(t.ots, { timeout: 300 });
    t.faults = otsFaults(t.ots.endpoint);
    for (const name of ['stock', 'other']) await t.client.createTable(createParams(name, { pk: [['id', 'STRING']] }));
  });
  afterAll(() => t.ots?.stop());
  return t;
}

/** Puts `{ id, n }` (IGNORE), through `client`. */
export function put(client: Client, table: string, id: string, n: number, pad = 0): Promise<unknown> {
  const columns: Array<Record<string, string | number>> = [{ n }];
  if (pad > 0) columns.push({ pad: 'x'.repeat(pad) });
  return client.putRow({ tableName: table, condition: cond.ignore(), primaryKey: [{ id }], attributeColumns: columns });
}

/** The row's `n` (a DOUBLE here), or undefined when the row is missing. */
export async function readN(client: Client, table: string, id: string): Promise<number | undefined> {
  const { row } = await client.getRow({ tableName: table, primaryKey: [{ id }] });
  const n = row.attributes ? latest(row).n : undefined;
  return n && 'double' in n ? n.double : undefined;
}
