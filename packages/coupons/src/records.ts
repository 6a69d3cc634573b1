import { isoTime } from '@retail/core';
import type { Row } from '@retail/tablestore';
import { isDiscountKind, type DiscountRule } from './rules.js';
import type { Campaign } from './types/campaign.js';
import type { Coupon, CouponStatus, StoredCouponStatus } from './types/coupon.js';

/** A campaign row as the use-cases see it (times in ms). */
export interface CampaignRecord {
  readonly id: string;
  readonly name: string;
  readonly rule: DiscountRule;
  readonly total: number;
  readonly perMemberLimit: number;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly shards: number;
  readonly createdAt: number;
}

/** A coupon row as the use-cases see it (times in ms). */
export interface CouponRecord {
  readonly id: string;
  readonly campaignId: string;
  readonly memberId: string;
  readonly slot: number;
  readonly status: StoredCouponStatus;
  readonly rule: DiscountRule;
  readonly expiresAt: number;
  readonly claimedAt: number;
  readonly lockedBy: string | undefined;
  readonly usedBy: string | undefined;
  /**
   * The campaign shard the coupon's unit is held on (undefined on rows written before it was
   * recorded): a hold under the coupon id on any other shard is a stray, given back, never confirmed.
   */
  readonly unitShard: number | undefined;
}

const STORED_STATUSES: readonly string[] = ['available', 'locked', 'used'];

export function parseCampaignRow(row: Row): CampaignRecord {
  return {
    id: text(row, 'campaignId'),
    name: text(row, 'name'),
    rule: ruleOf(row),
    total: int(row, 'total'),
    perMemberLimit: int(row, 'perMemberLimit'),
    startsAt: int(row, 'startsAt'),
    endsAt: int(row, 'endsAt'),
    shards: int(row, 'shards'),
    createdAt: int(row, 'createdAt'),
  };
}

/** A coupon row read back: a coupon, or the tombstone of an abandoned claim. */
export function parseCouponRow(row: Row): CouponRecord | 'void' {
  if (row.status === 'void') return 'void';
  const status = text(row, 'status');
  if (!STORED_STATUSES.includes(status)) throw new Error(`coupon storage: unknown status '${status}'`);
  return {
    id: text(row, 'couponId'),
    campaignId: text(row, 'campaignId'),
    memberId: text(row, 'memberId'),
    slot: int(row, 'slot'),
    status: status as StoredCouponStatus,
    rule: ruleOf(row),
    expiresAt: int(row, 'expiresAt'),
    claimedAt: int(row, 'claimedAt'),
    lockedBy: row.lockedBy === undefined ? undefined : text(row, 'lockedBy'),
    usedBy: row.usedBy === undefined ? undefined : text(row, 'usedBy'),
    unitShard: row.unitShard === undefined ? undefined : int(row, 'unitShard'),
  };
}

/**
 * The status readers see: the stored one, except that an `available` coupon at or after its
 * `expiresAt` is `expired` (no job has to flip it; a locked coupon keeps its lock until the
 * order ends, and reads `expired` once released after the end).
 */
export function effectiveStatus(record: CouponRecord, now: number): CouponStatus {
  return record.status === 'available' && now >= record.expiresAt ? 'expired' : record.status;
}

export function toCampaign(record: CampaignRecord, remaining: number): Campaign {
  return {
    id: record.id,
    name: record.name,
    kind: record.rule.kind,
    value: record.rule.value,
    minSpend: record.rule.minSpend,
    total: record.total,
    perMemberLimit: record.perMemberLimit,
    startsAt: isoTime(record.startsAt),
    endsAt: isoTime(record.endsAt),
    remaining,
    createdAt: isoTime(record.createdAt),
  };
}

export function toCoupon(record: CouponRecord, now: number): Coupon {
  return {
    id: record.id,
    campaignId: record.campaignId,
    memberId: record.memberId,
    status: effectiveStatus(record, now),
    expiresAt: isoTime(record.expiresAt),
    claimedAt: isoTime(record.claimedAt),
  };
}

function ruleOf(row: Row): DiscountRule {
  const kind = text(row, 'kind');
  if (!isDiscountKind(kind)) throw new Error(`coupon storage: unknown discount kind '${kind}'`);
  return { kind, value: int(row, 'value'), minSpend: int(row, 'minSpend') };
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`coupon storage: column '${column}' should be a string, found ${typeof value}`);
  return value;
}

function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`coupon storage: column '${column}' should be a safe integer, found ${typeof value}`);
  }
  return value;
}
