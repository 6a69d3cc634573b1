/** Uniquely named tables that delete themselves when the test that made them finishes. */
import { randomBytes } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { TableStore, type Client, type CreateTableParams, type PkValue, type PrimaryKeyInput } from './sdk.js';
import { isReal } from './target.js';
import { long, sleep } from './values.js';

let counter = 0;

/** A valid, unique table name: letters, digits and underscores, starting with a letter. */
export function uniqueTableName(tag = 't'): string {
  const safe = tag.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  counter += 1;
  return `otsconf_${safe}_${Date.now().toString(36)}_${process.pid.toString(36)}${counter}_${randomBytes(3).toString('hex')}`;
}

export type PkType = 'STRING' | 'INTEGER' | 'BINARY';
export interface PkSpec {
  name: string;
  type: PkType;
  autoIncrement?: boolean;
}

export interface TableSpec {
  pk: Array<PkSpec | [string, PkType]>;
  maxVersions?: number;
  ttl?: number;
  maxTimeDeviation?: number;
  definedColumns?: Array<{ name: string; type: number }>;
  reserved?: { read: number; write: number };
  /** Name tag (the full name is made unique). */
  tag?: string;
  /** Exact name to use instead of a unique one. */
  name?: string;
}

export function createParams(name: string, spec: TableSpec): CreateTableParams {
  const params: CreateTableParams = {
    tableMeta: {
      tableName: name,
      primaryKey: spec.pk.map((p) => {
        const s: PkSpec = Array.isArray(p) ? { name: p[0], type: p[1] } : p;
        return s.autoIncrement
          ? { name: s.name, type: s.type, option: 'AUTO_INCREMENT' as const }
          : { name: s.name, type: s.type };
      }),
    },
    reservedThroughput: { capacityUnit: spec.reserved ?? { read: 0, write: 0 } },
    tableOptions: { timeToLive: spec.ttl ?? -1, maxVersions: spec.maxVersions ?? 1 },
  };
  if (spec.maxTimeDeviation !== undefined) params.tableOptions.maxTimeDeviation = spec.maxTimeDeviation;
  if (spec.definedColumns) params.tableMeta.definedColumn = spec.definedColumns;
  return params;
}

/** Registers deletion of `name` when the current test finishes (missing tables are fine). */
export function deleteAfterTest(client: Client, name: string): void {
  onTestFinished(async () => {
    try {
      await client.deleteTable({ tableName: name });
    } catch {
      // Already deleted by the test, or never created.
    }
  });
}

/**
 * Creates a uniquely named table for the current test and deletes it when the test finishes.
 * Against a real instance it also waits until the table serves reads.
 */
export async function createTable(client: Client, spec: TableSpec): Promise<string> {
  const name = spec.name ?? uniqueTableName(spec.tag);
  deleteAfterTest(client, name);
  await client.createTable(createParams(name, spec));
  if (isReal) await waitUntilReadable(client, name, spec);
  return name;
}

async function waitUntilReadable(client: Client, name: string, spec: TableSpec): Promise<void> {
  const probe: PrimaryKeyInput = spec.pk.map((p) => {
    const s: PkSpec = Array.isArray(p) ? { name: p[0], type: p[1] } : p;
    const value: PkValue = s.type === 'STRING' ? 'probe' : s.type === 'INTEGER' ? long(0) : Buffer.from('probe');
    return { [s.name]: value };
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.getRow({ tableName: name, primaryKey: probe });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(1000);
    }
  }
}

/** The SDK's INF markers, re-exported for brevity. */
export const INF_MIN = TableStore.INF_MIN;
export const INF_MAX = TableStore.INF_MAX;
