import { NotFoundError } from '@retail/core';
import type { MemberDeps } from './deps.js';
import { readMember } from './member-store.js';
import { readClaim } from './phone-claims.js';
import { toMember } from './records.js';
import type { Member } from './types/member.js';

/** The member with this id, or NotFoundError (also for a malformed id or a tombstone). */
export async function getMember(deps: MemberDeps, memberId: string): Promise<Member> {
  const found = await readMember(deps.tables, memberId);
  if (!found || found === 'void') throw new NotFoundError('member', memberId);
  return toMember(found);
}

/**
 * The member registered with this phone. A claim whose member row is not (yet, or ever) written
 * is not a member: NotFoundError, as for a phone never seen.
 */
export async function findMemberByPhone(deps: MemberDeps, phone: string): Promise<Member> {
  const claim =
    typeof phone === 'string' && phone.length > 0 && phone.length <= 64 ? await readClaim(deps.tables, phone) : undefined;
  const found = claim ? await readMember(deps.tables, claim.memberId) : undefined;
  // The phone stays out of the message: it reaches the caller and the logs.
  if (!found || found === 'void' || found.phone !== phone) {
    throw new NotFoundError('member', '', 'No member is registered with this phone number.');
  }
  return toMember(found);
}
