import { NotFoundError } from '@retail/core';
import { checkUpdate } from './checks.js';
import type { MemberDeps } from './deps.js';
import { updateProfile } from './member-store.js';
import { getMember } from './find-member.js';
import type { Member, UpdateMemberInput } from './types/member.js';

/** Changes a member's name and birthday (`birthday: null` removes it) and returns the member. */
export async function updateMember(deps: MemberDeps, memberId: string, input: UpdateMemberInput): Promise<Member> {
  const now = deps.clock.now();
  checkUpdate(input, now);
  if (input.name === undefined && input.birthday === undefined) return getMember(deps, memberId);
  if (!(await updateProfile(deps.tables, memberId, input, now))) throw new NotFoundError('member', memberId);
  return getMember(deps, memberId);
}
