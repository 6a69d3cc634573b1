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
    firstAt: 'integer',
    lockedUntil: 'integer',
    expiresAt: 'integer',
    response: 'string',
  },
});

/** A live record as read. */
interface Current {
  status: 'in-progress' | 'released' | 'completed';
  token: string;
  hash: string;
  firstAt: number;
  lockedUntil: number;
  response: string;
}

/**
 * The idempotency store on Tablestore. A new key is one PutRow whose condition is "no live record"
 * (missing or expired). A key whose last attempt failed (released) or died (its lock lapsed) is
 * taken over by one UpdateRow conditional on the token and status just read, so one of any number
 * of concurrent takers wins, and the record keeps its hash and `firstAt`.
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

  async begin(scope: string, key: string, hash: string, lockMs: number, ttlMs: number): Promise<BeginResult> {
    for (;;) {
      const now = this.clock.now();
      const token = randomUUID();
      const row = {
        scope,
        key,
        status: 'in-progress',
        hash,
        token,
        firstAt: now,
        lockedUntil: now + lockMs,
        expiresAt: now + ttlMs,
      };
      try {
        const fresh = { row: 'ignore', columns: { column: 'expiresAt', op: '<', value: now, passIfMissing: true } } as const;
        await this.table.put(row, { condition: fresh });
        return { state: 'started', token, firstAt: now, resumed: false };
      } catch (error) {
        if (!(error instanceof ConditionFailedError) && !(error instanceof AmbiguousWriteError)) throw error;
      }
      const current = await this.read(scope, key);
      if (current?.token === token) return { state: 'started', token, firstAt: current.firstAt, resumed: false }; // an ambiguous put was ours
      if (!current) continue; // expired or released by an old instance in between: claim afresh
      const answer = resultOf(current, now);
      if (answer.state !== 'resumable' || current.hash !== hash) return answer;
      const taken = await this.takeOver(scope, key, current, now + lockMs);
      if (taken) return { state: 'started', token: taken, firstAt: current.firstAt, resumed: true };
      // Another attempt took it over first (or it changed): look again.
    }
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, ttlMs: number): Promise<void> {
    await this.table.update(
      { scope, key },
      { set: { status: 'completed', response: JSON.stringify(response), expiresAt: this.clock.now() + ttlMs } },
      { condition: { row: 'exists', columns: { column: 'token', op: '=', value: token } } },
    );
  }

  /** Marks the claim released, keeping hash and `firstAt`: the row stays for the next attempt to take over. */
  async release(scope: string, key: string, token: string): Promise<void> {
    const ours = { and: [is('token', token), is('status', 'in-progress')] };
    try {
      await this.table.update(
        { scope, key },
        { set: { status: 'released', lockedUntil: 0 } },
        { condition: { row: 'exists', columns: ours } },
      );
    } catch (error) {
      if (error instanceof ConditionFailedError) return; // someone else's claim now, or released before: leave it
      if (!(error instanceof AmbiguousWriteError)) throw error;
      const current = await this.read(scope, key);
      if (current?.token === token && current.status === 'in-progress') throw error;
    }
  }

  async peek(scope: string, key: string): Promise<BeginResult | undefined> {
    const current = await this.read(scope, key);
    return current && resultOf(current, this.clock.now());
  }

  /** The new token when this attempt took the record over; undefined when another got there first. */
  private async takeOver(scope: string, key: string, current: Current, lockedUntil: number): Promise<string | undefined> {
    const token = randomUUID();
    const unchanged = { and: [is('token', current.token), is('status', current.status)] };
    try {
      await this.table.update(
        { scope, key },
        { set: { status: 'in-progress', token, lockedUntil } },
        { condition: { row: 'exists', columns: unchanged } },
      );
      return token;
    } catch (error) {
      if (error instanceof ConditionFailedError) return undefined;
      if (!(error instanceof AmbiguousWriteError)) throw error;
      return (await this.read(scope, key))?.token === token ? token : undefined;
    }
  }

  private async read(scope: string, key: string): Promise<Current | undefined> {
    const row = await this.table.get({ scope, key });
    if (!row || Number(row.expiresAt) < this.clock.now()) return undefined;
    return {
      status: row.status === 'completed' || row.status === 'released' ? row.status : 'in-progress',
      token: String(row.token),
      hash: String(row.hash),
      // Records written before firstAt was kept expire with their lock; none is read without it.
      firstAt: Number(row.firstAt ?? row.lockedUntil),
      lockedUntil: Number(row.lockedUntil ?? 0),
      response: String(row.response ?? ''),
    };
  }
}

function resultOf(current: Current, now: number): BeginResult {
  const { hash } = current;
  if (current.status === 'completed')
    return { state: 'completed', hash, response: JSON.parse(current.response) as StoredResponse };
  if (current.status === 'in-progress' && current.lockedUntil >= now) return { state: 'in-progress', hash };
  return { state: 'resumable', hash };
}

function is(column: string, value: string) {
  return { column, op: '=', value } as const;
}
