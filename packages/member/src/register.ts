import { ConflictError, newId } from '@retail/core';
import { checkRegister } from './checks.js';
import type { MemberDeps } from './deps.js';
import { insertMember } from './member-store.js';
import { claimPhone, confirmClaim } from './phone-claims.js';
import { toMember, type MemberRecord } from './records.js';
import type { Member, RegisterMemberInput } from './types/member.js';

/** Claim attempts in one registration: a stale claim freed, or our own claim voided while slow. */
const MAX_CLAIM_ATTEMPTS = 3;

/**
 * Registers a member: claim the phone (pending), write the member row, confirm the claim.
 * A phone already registered, or being registered right now, is `phone-taken`.
 */
export async function registerMember(deps: MemberDeps, input: RegisterMemberInput): Promise<Member> {
  checkRegister(input, deps.clock.now());
  for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    const record: MemberRecord = {
      id: newId('mem', now),
      phone: input.phone,
      name: input.name,
      birthday: input.birthday ?? null,
      registeredChannel: input.channel,
      createdAt: now,
      points: 0,
      lifetimePoints: 0,
      seq: 0,
      last: undefined,
    };
    const claim = await claimPhone(deps, input.phone, record.id, now);
    if (claim === 'taken') throw phoneTaken();
    if (claim === 'freed') continue;
    if ((await insertMember(deps.tables, record, deps.clock.now())) === 'voided') continue;
    await confirmClaim(deps, input.phone, record.id, true);
    return toMember(record);
  }
  throw phoneTaken();
}

function phoneTaken(): ConflictError {
  return new ConflictError('phone-taken', 'This phone number is already registered.');
}
