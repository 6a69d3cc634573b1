// Reads a member's whole ledger straight from storage and checks it against the member row.
import { expect } from 'vitest';
import { parseLedgerRow, parseMemberRow, type LedgerEntry } from '../../src/records.js';
import { memberKey } from '../../src/shard.js';
import type { MemberTables } from '../../src/index.js';

/** Every ledger row of a member, oldest first. */
export async function ledgerRows(tables: MemberTables, memberId: string): Promise<LedgerEntry[]> {
  const key = memberKey(memberId);
  const rows: LedgerEntry[] = [];
  for await (const row of tables.points.scan({ start: key, end: key })) rows.push(parseLedgerRow(row));
  return rows;
}

/** The member row's points state, read raw (no repair). */
export async function memberState(tables: MemberTables, memberId: string) {
  const row = await tables.members.get(memberKey(memberId));
  const record = row ? parseMemberRow(row) : undefined;
  if (!record || record === 'void') throw new Error(`no member ${memberId}`);
  return record;
}

/**
 * The ledger agrees with the member: sequences 1..n without a gap, each balance the previous plus
 * its delta and never negative, the deltas summing to `points`, positive ones to `lifetimePoints`.
 * `allowLag`: the newest entry may still be only in the member row (a writer not finished).
 */
export async function expectLedgerConsistent(
  tables: MemberTables,
  memberId: string,
  options: { allowLag?: boolean } = {},
): Promise<LedgerEntry[]> {
  const [entries, member] = [await ledgerRows(tables, memberId), await memberState(tables, memberId)];
  const all = options.allowLag && member.last && entries.length === member.seq - 1 ? [...entries, member.last] : entries;
  expect(all.map((e) => e.seq)).toEqual(Array.from({ length: member.seq }, (_, i) => i + 1));
  let balance = 0;
  for (const e of all) {
    balance += e.delta;
    expect(e.balance).toBe(balance);
    expect(e.balance).toBeGreaterThanOrEqual(0);
  }
  expect(balance).toBe(member.points);
  expect(all.reduce((sum, e) => sum + Math.max(e.delta, 0), 0)).toBe(member.lifetimePoints);
  expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  return all;
}
