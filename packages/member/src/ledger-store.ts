import { INF_MAX } from '@retail/tablestore';
import { parseLedgerRow, type LedgerEntry } from './records.js';
import { memberKey } from './shard.js';
import type { MemberTables } from './tables.js';

// The points ledger and the ref index. Both rows of an entry are pure functions of the entry, and
// the entry is kept in the member row until the next one replaces it, so writing them is
// idempotent and any process can (re)write them: that is how a crash between the member update
// and these writes is repaired.

/**
 * Writes an entry's rows: its ref row first, then its ledger row, so a ledger row present means
 * the ref row is too. Unconditional puts of fixed content: replays and repairs are harmless.
 */
export async function writeEntryRows(tables: MemberTables, memberId: string, entry: LedgerEntry): Promise<void> {
  const key = memberKey(memberId);
  const { seq, id: entryId, delta, reason, balance, at, ref } = entry;
  if (ref !== undefined) await tables.pointRefs.put({ ...key, ref, entryId, seq, delta, reason, balance, at });
  await tables.points.put({ ...key, seq, entryId, delta, reason, balance, at, ref });
}

/** The sequence of the member's newest ledger row; 0 when there is none. */
export async function newestLedgerSeq(tables: MemberTables, memberId: string): Promise<number> {
  const key = memberKey(memberId);
  const page = await tables.points.page({ start: key, end: key, direction: 'backward', limit: 1, columns: ['entryId'] });
  const seq = page.rows[0]?.seq;
  return typeof seq === 'number' ? seq : 0;
}

export async function readLedgerEntry(tables: MemberTables, memberId: string, seq: number): Promise<LedgerEntry | undefined> {
  const row = await tables.points.get({ ...memberKey(memberId), seq });
  return row ? parseLedgerRow(row) : undefined;
}

/** The entry that applied `ref` to this member, from the ref index. */
export async function readRefEntry(tables: MemberTables, memberId: string, ref: string): Promise<LedgerEntry | undefined> {
  const row = await tables.pointRefs.get({ ...memberKey(memberId), ref });
  if (!row) return undefined;
  const seq = row.seq;
  if (typeof seq !== 'number') throw new Error(`member storage: ref row '${ref}' of ${memberId} has no seq`);
  return parseLedgerRow({ ...row, ref }, seq);
}

/**
 * Up to `limit` entries, newest first, from sequence `fromSeq` down (default: the newest), and
 * the sequence the next page starts at (undefined: no older entries).
 */
export async function readLedgerPage(
  tables: MemberTables,
  memberId: string,
  fromSeq: number | undefined,
  limit: number,
): Promise<{ entries: LedgerEntry[]; nextSeq: number | undefined }> {
  const key = memberKey(memberId);
  const page = await tables.points.page({
    start: { ...key, seq: fromSeq ?? INF_MAX },
    end: key,
    direction: 'backward',
    limit: limit + 1,
  });
  const entries = page.rows.slice(0, limit).map((row) => parseLedgerRow(row));
  const more = page.rows[limit];
  return { entries, nextSeq: more ? parseLedgerRow(more).seq : undefined };
}
