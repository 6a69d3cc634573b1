/** Helpers for the durability tests: temp data dirs, CLI and library servers, bulk reads. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { startOtsLocal, type OtsLocal } from '../../src/index.js';
import { CLI_KEYS, kill9, startCli, type CliServer } from './cli.js';
import type { Client } from './sdk.js';
import { makeClient, type Target } from './target.js';
import { latest } from './values.js';

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ots-local-durability-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function cliTarget(server: CliServer): Target {
  return { endpoint: server.endpoint, instanceName: server.instanceName, ...CLI_KEYS };
}

export async function startCliFor(dir: string): Promise<CliServer> {
  const server = await startCli(['--data', dir]);
  onTestFinished(async () => {
    if (server.proc.exitCode === null && server.proc.signalCode === null) await kill9(server);
  });
  return server;
}

export async function startLib(dir: string): Promise<{ ots: OtsLocal; client: Client }> {
  const ots = await startOtsLocal({ port: 0, dataDir: dir, log: () => {} });
  const client = makeClient({
    endpoint: ots.endpoint,
    instanceName: ots.instanceName,
    accessKeyId: ots.accessKeyId,
    accessKeySecret: ots.accessKeySecret,
  });
  return { ots, client };
}

export const rowValue = (i: number): string => `value-${i}-${'x'.repeat(i % 97)}`;
export const rowId = (i: number): string => `k${String(i).padStart(5, '0')}`;

/** Reads the given ids with BatchGetRow (100 per call): id -> latest attributes, or null. */
export async function readMany(
  client: Client,
  tableName: string,
  ids: number[],
): Promise<Map<number, Record<string, unknown> | null>> {
  const out = new Map<number, Record<string, unknown> | null>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const res = await client.batchGetRow({ tables: [{ tableName, primaryKey: chunk.map((id) => [{ id: rowId(id) }]) }] });
    (res.tables[0] ?? []).forEach((item, j) => {
      expect(item.isOk, JSON.stringify(item)).toBe(true);
      out.set(chunk[j]!, item.primaryKey ? latest({ attributes: item.attributes }) : null);
    });
  }
  return out;
}
