import type { Clock } from '@retail/core';
import { AmbiguousWriteError, bindTable, ConditionFailedError, defineTable, type TablestoreClient } from '@retail/tablestore';
import { randomUUID } from 'node:crypto';
import type { BeginResult, IdempotencyStore, StoredResponse } from './types.js';

/** One row per (channel-and-function scope, key). */
export const idempotencyTable = defineTable({
  name: 'idempotency_records',
  primaryKey: [
    { name: 'scope', type: 'string' },
    { name: 'key', type: 'string' },
  ],
  columns: {
    status: 'string',
    hash: 'string',
    token: 'string',
    lockedUntil: 'integer',
    expiresAt: 'integer',
    response: 'string',
  },
});

/**
 * The idempotency store on Tablestore: a claim is one PutRow whose condition is "no live record":
 * the row is missing or expired, or it is an in-progress claim whose lock has lapsed (its
 * instance died or timed out). One of any number of concurrent claims wins.
 *
 * @example
 * const store = new TablestoreIdempotencyStore(client, systemClock);
 */
export class TablestoreIdempotencyStore implements IdempotencyStore {
  private readonly table;

  constructor(
    client: TablestoreClient,
    private readonly clock: Clock,
  ) {
    this.table = bindTable(client, idempotencyTable);
  }

  async begin(scope: string, key: string, hash: string, lockMs: number): Promise<BeginResult> {
    const now = this.clock.now();
    const token = randomUUID();
    try {
      await this.table.put(
        { scope, key, status: 'in-progress', hash, token, lockedUntil: now + lockMs, expiresAt: now + lockMs },
        {
          condition: {
            row: 'ignore',
            columns: {
              or: [
                { column: 'expiresAt', op: '<', value: now, passIfMissing: true },
                {
                  and: [
                    { column: 'status', op: '=', value: 'in-progress' },
                    { column: 'lockedUntil', op: '<', value: now },
                  ],
                },
              ],
            },
          },
        },
      );
      return { state: 'started', token };
    } catch (error) {
      if (!(error instanceof ConditionFailedError) && !(error instanceof AmbiguousWriteError)) throw error;
      const current = await this.read(scope, key);
      // After an ambiguous claim, the record says whether it was ours.
      if (current?.token === token) return { state: 'started', token };
      if (!current) return this.begin(scope, key, hash, lockMs);
      return current.result;
    }
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, ttlMs: number): Promise<void> {
    await this.table.update(
      { scope, key },
      { set: { status: 'completed', response: JSON.stringify(response), expiresAt: this.clock.now() + ttlMs } },
      { condition: { row: 'exists', columns: { column: 'token', op: '=', value: token } } },
    );
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    try {
      await this.table.delete(
        { scope, key },
        { condition: { row: 'exists', columns: { column: 'token', op: '=', value: token } } },
      );
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error; // someone else's claim now: leave it
    }
  }

  async peek(scope: string, key: string): Promise<BeginResult | undefined> {
    return (await this.read(scope, key))?.result;
  }

  private async read(scope: string, key: string): Promise<{ token: string; result: BeginResult } | undefined> {
    const row = await this.table.get({ scope, key });
    if (!row || Number(row.expiresAt) < this.clock.now()) return undefined;
    const hash = String(row.hash);
    const result: BeginResult =
      row.status === 'completed'
        ? { state: 'completed', hash, response: JSON.parse(String(row.response)) as StoredResponse }
        : { state: 'in-progress', hash };
    return { token: String(row.token), result };
  }
}
