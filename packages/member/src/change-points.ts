import { ConflictError, NotFoundError, isId, newId } from '@retail/core';
import { ConditionFailedError, TablestoreError } from '@retail/tablestore';
import { checkPointsChange } from './checks.js';
import { isAmbiguous, type MemberDeps } from './deps.js';
import { readLedgerEntry, readRefEntry, writeEntryRows } from './ledger-store.js';
import { readMember } from './member-store.js';
import { loadPointsState } from './points-state.js';
import type { LedgerEntry, MemberRecord } from './records.js';
import { memberKey } from './shard.js';
import type { PointsChange, PointsChangeInput } from './types/points.js';

/**
 * Applies a points change: read the member (repairing its ledger), refuse a balance below zero,
 * then one conditional UpdateRow of the member row (`seq` unchanged since the read) sets the new
 * balance and records the entry; the ledger rows follow. A lost race reads again, a bounded
 * number of times, then `points-busy`. With `ref`, a change already applied is returned, not
 * repeated.
 */
export async function changePoints(deps: MemberDeps, memberId: string, input: PointsChangeInput): Promise<PointsChange> {
  checkPointsChange(input);
  if (!isId('mem', memberId)) throw new NotFoundError('member', memberId);
  return deps.queue.run(memberId, () => applyChange(deps, memberId, input));
}

async function applyChange(deps: MemberDeps, memberId: string, input: PointsChangeInput): Promise<PointsChange> {
  const { maxAttempts } = deps.pointsRetry;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const member = await loadPointsState(deps, memberId);
    if (input.ref !== undefined) {
      const prior = member.last?.ref === input.ref ? member.last : await readRefEntry(deps.tables, memberId, input.ref);
      if (prior) return replay(prior, input);
    }
    const entry = nextEntry(member, input, newId('pts', deps.clock.now()), deps.clock.now());
    if (await commitEntry(deps, member, entry)) {
      await writeEntryRows(deps.tables, memberId, entry).catch((error: unknown) => deferred(deps, error));
      return { balance: entry.balance, entryId: entry.id, replayed: false };
    }
    if (attempt < maxAttempts) await sleep(backoffMs(attempt, deps));
  }
  throw new ConflictError(
    'points-busy',
    'Too many concurrent points changes for this member; nothing was changed. Retry shortly.',
  );
}

/** The entry a change makes, or `insufficient-points`. */
export function nextEntry(member: MemberRecord, input: PointsChangeInput, id: string, at: number): LedgerEntry {
  const balance = member.points + input.delta;
  if (balance < 0) {
    throw new ConflictError('insufficient-points', `The member has ${member.points} points; ${-input.delta} cannot be taken.`);
  }
  if (!Number.isSafeInteger(balance) || !Number.isSafeInteger(member.lifetimePoints + Math.max(input.delta, 0))) {
    throw new ConflictError('points-overflow', 'The balance would exceed the largest storable number of points.');
  }
  return { seq: member.seq + 1, id, delta: input.delta, reason: input.reason, balance, at, ref: input.ref };
}

/**
 * The conditional UpdateRow: true if our entry is now the member's. An outcome left unknown by
 * the storage layer (a lost response) is settled by reading: our entry id is in the member row,
 * or in the ledger at our sequence once the member moved on.
 */
async function commitEntry(deps: MemberDeps, member: MemberRecord, entry: LedgerEntry): Promise<boolean> {
  const set = {
    points: entry.balance,
    lifetimePoints: member.lifetimePoints + Math.max(entry.delta, 0),
    seq: entry.seq,
    lastEntryId: entry.id,
    lastDelta: entry.delta,
    lastReason: entry.reason,
    lastAt: entry.at,
    lastRef: entry.ref ?? null,
    updatedAt: entry.at,
  };
  const columns = {
    and: [
      { column: 'state', op: '=', value: 'active' },
      { column: 'seq', op: '=', value: member.seq },
    ],
  } as const;
  try {
    await deps.tables.members.update(memberKey(member.id), { set }, { condition: { row: 'exists', columns } });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    if (!isAmbiguous(error)) throw error;
    const now = await readMember(deps.tables, member.id);
    if (!now || now === 'void' || now.seq < entry.seq) return false;
    if (now.last?.id === entry.id) return true;
    return (await readLedgerEntry(deps.tables, member.id, entry.seq))?.id === entry.id;
  }
}

function replay(prior: LedgerEntry, input: PointsChangeInput): PointsChange {
  if (prior.delta !== input.delta || prior.reason !== input.reason) {
    throw new ConflictError('points-ref-reused', `The reference '${input.ref}' was applied before with another delta or reason.`);
  }
  return { balance: prior.balance, entryId: prior.id, replayed: true };
}

function deferred(deps: MemberDeps, error: unknown): void {
  if (!(error instanceof TablestoreError)) throw error;
  deps.onDeferredError(error); // the member row holds the entry; the next touch writes its rows
}

function backoffMs(attempt: number, deps: MemberDeps): number {
  const { baseDelayMs, maxDelayMs } = deps.pointsRetry;
  return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
