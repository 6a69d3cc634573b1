import { createHash } from 'node:crypto';

/**
 * The leading key column of a member's rows: the first 4 hex digits of the MD5 of the member id.
 * Member ids are time-ordered (ULIDs), so keyed by id alone every new member would be written
 * into the table's last partition; the hash spreads them over 65,536 prefixes. Deterministic, so
 * a read by id needs nothing else.
 *
 * @example
 * membersTable key: { shard: shardOf(id), memberId: id }
 */
export function shardOf(memberId: string): string {
  return createHash('md5').update(memberId).digest('hex').slice(0, 4);
}

/** The key of a member's row (and the leading key of its ledger and ref rows). */
export function memberKey(memberId: string): { shard: string; memberId: string } {
  return { shard: shardOf(memberId), memberId };
}
