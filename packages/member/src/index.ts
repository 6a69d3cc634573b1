// @retail/member: the member domain's use-cases and storage. No transport, no environment.
export {
  MemberService,
  DEFAULT_PHONE_CLAIM_GRACE_MS,
  DEFAULT_POINTS_RETRY,
  type MemberServiceOptions,
} from './member-service.js';
export type { PointsRetryPolicy } from './deps.js';
export { levelFor, LEVEL_THRESHOLDS, type MemberLevel } from './levels.js';
export {
  bindMemberTables,
  memberPhonesTable,
  memberPointRefsTable,
  memberPointsTable,
  membersTable,
  memberTables,
  type MemberTables,
} from './tables.js';
export { shardOf } from './shard.js';
export type * from './types/member.js';
export type * from './types/points.js';
