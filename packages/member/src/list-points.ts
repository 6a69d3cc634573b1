import { NotFoundError, isId } from '@retail/core';
import { checkListPoints, encodePointsCursor } from './checks.js';
import type { MemberDeps } from './deps.js';
import { readLedgerPage } from './ledger-store.js';
import { loadPointsState } from './points-state.js';
import { toPointsEntry } from './records.js';
import type { ListPointsInput, PointsPage } from './types/points.js';

/**
 * A page of the member's ledger, newest first. The member's newest entry is written to the
 * ledger first if a crash left it only in the member row, so the deltas always add up to `points`.
 */
export async function listPoints(deps: MemberDeps, memberId: string, input: ListPointsInput): Promise<PointsPage> {
  const { limit, fromSeq } = checkListPoints(input);
  if (!isId('mem', memberId)) throw new NotFoundError('member', memberId);
  await loadPointsState(deps, memberId);
  const { entries, nextSeq } = await readLedgerPage(deps.tables, memberId, fromSeq, limit);
  return { items: entries.map(toPointsEntry), nextCursor: nextSeq === undefined ? null : encodePointsCursor(nextSeq) };
}
