import { NotFoundError } from '@retail/core';
import type { MemberDeps } from './deps.js';
import { newestLedgerSeq, writeEntryRows } from './ledger-store.js';
import { readMember } from './member-store.js';
import type { MemberRecord } from './records.js';

/**
 * Reads a member for a points operation and repairs its ledger first: when the member row records
 * an entry (`seq`) that the ledger does not hold yet (the writer died, or is still on its way),
 * the entry's rows are written from the member row. Afterwards every entry up to `seq` is in the
 * ledger and the ref index, so the ledger's deltas add up to `points`.
 *
 * The ledger probe runs beside the member read: a newest ledger row at or past the member's `seq`
 * proves entry `seq` was written (no member row moves past an entry before writing it).
 */
export async function loadPointsState(deps: MemberDeps, memberId: string): Promise<MemberRecord> {
  const [found, newest] = await Promise.all([readMember(deps.tables, memberId), newestLedgerSeq(deps.tables, memberId)]);
  if (!found || found === 'void') throw new NotFoundError('member', memberId);
  if (found.last && newest < found.seq) await writeEntryRows(deps.tables, memberId, found.last);
  return found;
}
