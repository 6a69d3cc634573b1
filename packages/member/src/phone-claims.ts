import { ConditionFailedError, TablestoreError, type Row } from '@retail/tablestore';
import { isAmbiguous, type MemberDeps } from './deps.js';
import { readMember, voidMemberId } from './member-store.js';
import type { MemberTables } from './tables.js';

// Phone uniqueness: claim the phone row first (EXPECT_NOT_EXIST, pending, pointing at the new
// member id), then write the member row, then confirm the claim. Why this order is crash-safe:
// docs/decisions/0004-member-storage.md.

export interface PhoneClaim {
  readonly phone: string;
  readonly memberId: string;
  readonly state: 'pending' | 'confirmed';
  readonly claimedAt: number;
}

/** What became of an attempt to claim a phone. `freed`: a stale claim was removed; claim again. */
export type ClaimOutcome = 'claimed' | 'taken' | 'freed';

export async function readClaim(tables: MemberTables, phone: string): Promise<PhoneClaim | undefined> {
  const row = await tables.phones.get({ phone });
  return row ? parseClaim(row) : undefined;
}

/** Claims `phone` for a new member id (pending), or says why not. */
export async function claimPhone(deps: MemberDeps, phone: string, memberId: string, now: number): Promise<ClaimOutcome> {
  try {
    await deps.tables.phones.put({ phone, memberId, state: 'pending', claimedAt: now }, { condition: { row: 'not-exists' } });
    return 'claimed';
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
  }
  const claim = await readClaim(deps.tables, phone);
  if (claim?.memberId === memberId) return 'claimed'; // an ambiguous put that did land
  return claim ? settleExistingClaim(deps, claim) : 'freed';
}

/**
 * Someone else's claim stands in the way. Confirmed, or its member exists: the phone is taken.
 * Pending without a member: a registration in progress (taken) until the grace period is over;
 * then the member id is voided (so the slow registration can never write it) and the claim removed.
 */
async function settleExistingClaim(deps: MemberDeps, claim: PhoneClaim): Promise<ClaimOutcome> {
  if (claim.state === 'confirmed') return 'taken';
  const holder = await readMember(deps.tables, claim.memberId);
  if (holder && holder !== 'void') {
    await confirmClaim(deps, claim.phone, claim.memberId, false);
    return 'taken';
  }
  if (holder === undefined) {
    if (deps.clock.now() - claim.claimedAt < deps.phoneClaimGraceMs) return 'taken';
    if ((await voidMemberId(deps.tables, claim.memberId, deps.clock.now())) === 'member') {
      await confirmClaim(deps, claim.phone, claim.memberId, false);
      return 'taken';
    }
  }
  await releaseClaim(deps.tables, claim);
  return 'freed';
}

/** Removes a pending claim whose member id is void; someone else doing it first is fine. */
async function releaseClaim(tables: MemberTables, claim: PhoneClaim): Promise<void> {
  const columns = {
    and: [
      { column: 'memberId', op: '=', value: claim.memberId },
      { column: 'state', op: '=', value: 'pending' },
    ],
  } as const;
  try {
    await tables.phones.delete({ phone: claim.phone }, { condition: { row: 'exists', columns } });
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
  }
}

/**
 * Marks a claim confirmed once its member row is written. When the claim is `ours` it cannot
 * have been taken from us (that needs a tombstone where our member row is), so a failed
 * condition is a defect; a failed write is left for later, as a pending claim whose member row
 * exists already counts as a registered phone.
 */
export async function confirmClaim(deps: MemberDeps, phone: string, memberId: string, ours: boolean): Promise<void> {
  try {
    await deps.tables.phones.update(
      { phone },
      { set: { state: 'confirmed' } },
      { condition: { row: 'exists', columns: { column: 'memberId', op: '=', value: memberId } } },
    );
  } catch (error) {
    if (error instanceof ConditionFailedError) {
      if (!ours) return; // someone else's claim changed meanwhile: nothing to confirm
      throw new Error(`member storage: the phone claim of member ${memberId} was lost after its member row was written`, {
        cause: error,
      });
    }
    if (!(error instanceof TablestoreError)) throw error;
    deps.onDeferredError(error);
  }
}

function parseClaim(row: Row): PhoneClaim {
  const { phone, memberId, state, claimedAt } = row;
  if (
    typeof phone !== 'string' ||
    typeof memberId !== 'string' ||
    (state !== 'pending' && state !== 'confirmed') ||
    typeof claimedAt !== 'number'
  ) {
    throw new Error(`member storage: malformed phone claim row for '${String(phone)}'`);
  }
  return { phone, memberId, state, claimedAt };
}
