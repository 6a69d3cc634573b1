import { bindTable, defineTable, type Table, type TablestoreClient } from '@retail/tablestore';

// Layouts and the reasons for them: docs/decisions/0004-member-storage.md.

/**
 * One row per member id. `shard` (from {@link shardOf}) leads the key so that time-ordered ids do
 * not all land in the newest partition. Besides the profile the row holds the points state:
 * `points`, `lifetimePoints`, `seq` (the newest ledger entry's sequence) and that entry itself
 * (`last*`), so a ledger row lost to a crash is rewritten from here on the next touch. A row with
 * `state: 'void'` is a tombstone: an id whose registration was abandoned, never a member.
 */
export const membersTable = defineTable({
  name: 'members',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'memberId', type: 'string' },
  ],
  columns: {
    state: 'string',
    phone: 'string',
    name: 'string',
    birthday: 'string',
    registeredChannel: 'string',
    createdAt: 'integer',
    updatedAt: 'integer',
    voidedAt: 'integer',
    points: 'integer',
    lifetimePoints: 'integer',
    seq: 'integer',
    lastEntryId: 'string',
    lastDelta: 'integer',
    lastReason: 'string',
    lastAt: 'integer',
    lastRef: 'string',
  },
});

/**
 * Phone -> member id, written with EXPECT_NOT_EXIST: the uniqueness of phone numbers. A claim is
 * `pending` from before its member row is written until it is confirmed.
 */
export const memberPhonesTable = defineTable({
  name: 'member_phones',
  primaryKey: [{ name: 'phone', type: 'string' }],
  columns: { memberId: 'string', state: 'string', claimedAt: 'integer' },
});

/** The points ledger: one row per entry, `seq` = 1, 2, 3... per member; newest first is a backward range. */
export const memberPointsTable = defineTable({
  name: 'member_points',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'memberId', type: 'string' },
    { name: 'seq', type: 'integer' },
  ],
  columns: { entryId: 'string', delta: 'integer', reason: 'string', balance: 'integer', at: 'integer', ref: 'string' },
});

/** Source references already applied to a member's points (`order:ord_123` -> its entry). */
export const memberPointRefsTable = defineTable({
  name: 'member_point_refs',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'memberId', type: 'string' },
    { name: 'ref', type: 'string' },
  ],
  columns: { entryId: 'string', seq: 'integer', delta: 'integer', reason: 'string', balance: 'integer', at: 'integer' },
});

/**
 * Every table of the member domain, for `ensureTables` at dev start-up, in deploy tooling and tests.
 *
 * @example
 * await ensureTables(client, memberTables);
 */
export const memberTables = [membersTable, memberPhonesTable, memberPointsTable, memberPointRefsTable] as const;

/** The member tables bound to a client: what the use-cases are given. */
export interface MemberTables {
  readonly members: Table<'shard' | 'memberId'>;
  readonly phones: Table<'phone'>;
  readonly points: Table<'shard' | 'memberId' | 'seq'>;
  readonly pointRefs: Table<'shard' | 'memberId' | 'ref'>;
}

/**
 * Binds the member tables to a client.
 *
 * @example
 * const tables = bindMemberTables(client);
 * const service = new MemberService({ tables, clock: systemClock });
 */
export function bindMemberTables(client: TablestoreClient): MemberTables {
  return {
    members: bindTable(client, membersTable),
    phones: bindTable(client, memberPhonesTable),
    points: bindTable(client, memberPointsTable),
    pointRefs: bindTable(client, memberPointRefsTable),
  };
}
