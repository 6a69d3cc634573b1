import { isId } from '@retail/core';
import { ConditionFailedError } from '@retail/tablestore';
import { isAmbiguous } from './deps.js';
import { parseMemberRow, type MemberRecord } from './records.js';
import { memberKey } from './shard.js';
import type { MemberTables } from './tables.js';
import type { UpdateMemberInput } from './types/member.js';

// The members table: reads, the first write of a member, tombstones, profile changes.

/** A member, the tombstone of an abandoned id (`'void'`), or nothing. */
export async function readMember(tables: MemberTables, memberId: string): Promise<MemberRecord | 'void' | undefined> {
  if (!isId('mem', memberId)) return undefined;
  const row = await tables.members.get(memberKey(memberId));
  return row ? parseMemberRow(row) : undefined;
}

/**
 * Writes a new member's row (EXPECT_NOT_EXIST: ids are new, so only a tombstone can be there).
 * `'voided'`: a later registration declared this id abandoned while we were slow; the phone
 * claim is no longer ours and nothing was written.
 */
export async function insertMember(tables: MemberTables, record: MemberRecord, now: number): Promise<'written' | 'voided'> {
  const row = {
    ...memberKey(record.id),
    state: 'active',
    phone: record.phone,
    name: record.name,
    birthday: record.birthday,
    registeredChannel: record.registeredChannel,
    createdAt: record.createdAt,
    updatedAt: now,
    points: 0,
    lifetimePoints: 0,
    seq: 0,
  };
  try {
    await tables.members.put(row, { condition: { row: 'not-exists' } });
    return 'written';
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    // Refused, or unknown whether our put landed: the row says which (only we write 'active' here).
    const found = await readMember(tables, record.id);
    if (found === 'void') return 'voided';
    if (found) return 'written';
    throw error;
  }
}

/**
 * Marks a member id as abandoned with a tombstone row (EXPECT_NOT_EXIST), so that the registration
 * that claimed a phone for it can never write its member row afterwards. `'member'`: too late, the
 * member row is there (the registration finished after all).
 */
export async function voidMemberId(tables: MemberTables, memberId: string, now: number): Promise<'voided' | 'member'> {
  try {
    await tables.members.put({ ...memberKey(memberId), state: 'void', voidedAt: now }, { condition: { row: 'not-exists' } });
    return 'voided';
  } catch (error) {
    if (!(error instanceof ConditionFailedError) && !isAmbiguous(error)) throw error;
    const found = await readMember(tables, memberId);
    if (found === 'void') return 'voided';
    if (found) return 'member';
    throw error;
  }
}

/** Changes name and birthday of an existing member; false when there is no such member. */
export async function updateProfile(
  tables: MemberTables,
  memberId: string,
  input: UpdateMemberInput,
  now: number,
): Promise<boolean> {
  if (!isId('mem', memberId)) return false;
  const set = { name: input.name, birthday: input.birthday, updatedAt: now }; // null removes the birthday
  try {
    await tables.members.update(
      memberKey(memberId),
      { set },
      { condition: { row: 'exists', columns: { column: 'state', op: '=', value: 'active' } } },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
