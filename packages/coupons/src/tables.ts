import { bindTable, defineTable, type Table, type TablestoreClient } from '@retail/tablestore';

// Layouts and the reasons for them: docs/decisions/0008-coupon-claims.md.

/** One row per campaign, written once and never changed (so processes may cache it). Times in ms. */
export const couponCampaignsTable = defineTable({
  name: 'coupon_campaigns',
  primaryKey: [{ name: 'campaignId', type: 'string' }],
  columns: {
    name: 'string',
    kind: 'string',
    value: 'integer',
    minSpend: 'integer',
    total: 'integer',
    perMemberLimit: 'integer',
    startsAt: 'integer',
    endsAt: 'integer',
    shards: 'integer',
    createdAt: 'integer',
  },
});

/**
 * A campaign's units left, split over `shards` rows (a `ShardedCounter`): `remaining` plus one hold
 * marker column per claim in progress (`h_<couponId>`), removed once its coupon is issued.
 */
export const couponCampaignShardsTable = defineTable({
  name: 'coupon_campaign_shards',
  primaryKey: [
    { name: 'campaignId', type: 'string' },
    { name: 'shard', type: 'integer' },
  ],
  columns: { remaining: 'integer' },
});

/**
 * The per-member limit: a claim takes slot 1..perMemberLimit with EXPECT_NOT_EXIST. `pending` from
 * the slot until the coupon is issued, then `issued`.
 */
export const couponClaimsTable = defineTable({
  name: 'coupon_claims',
  primaryKey: [
    { name: 'campaignId', type: 'string' },
    { name: 'memberId', type: 'string' },
    { name: 'slot', type: 'integer' },
  ],
  columns: { couponId: 'string', state: 'string', at: 'integer' },
});

/**
 * One row per coupon, keyed by a hash prefix of the id first (time-ordered ids would all land in
 * the newest partition). Carries the campaign's rule, so an order needs no campaign read. A row
 * with `status: 'void'` is a tombstone: an id whose claim was abandoned, never a coupon.
 */
export const couponsTable = defineTable({
  name: 'coupons',
  primaryKey: [
    { name: 'shard', type: 'string' },
    { name: 'couponId', type: 'string' },
  ],
  columns: {
    campaignId: 'string',
    memberId: 'string',
    slot: 'integer',
    status: 'string',
    kind: 'string',
    value: 'integer',
    minSpend: 'integer',
    expiresAt: 'integer',
    claimedAt: 'integer',
    lockedBy: 'string',
    lockedAt: 'integer',
    usedBy: 'string',
    usedAt: 'integer',
    voidedAt: 'integer',
    unitShard: 'integer',
  },
});

/** A member's coupons: the index behind `GET /coupons?memberId=`. */
export const memberCouponsTable = defineTable({
  name: 'member_coupons',
  primaryKey: [
    { name: 'memberId', type: 'string' },
    { name: 'couponId', type: 'string' },
  ],
  columns: { campaignId: 'string' },
});

/**
 * Every table of the coupons domain, for `ensureTables` at dev start-up, in deploy tooling and tests.
 *
 * @example
 * await ensureTables(client, couponsTables);
 */
export const couponsTables = [
  couponCampaignsTable,
  couponCampaignShardsTable,
  couponClaimsTable,
  couponsTable,
  memberCouponsTable,
] as const;

/** The coupons tables bound to a client: what the use-cases are given. */
export interface CouponsTables {
  readonly campaigns: Table<'campaignId'>;
  readonly shards: Table<'campaignId' | 'shard'>;
  readonly claims: Table<'campaignId' | 'memberId' | 'slot'>;
  readonly coupons: Table<'shard' | 'couponId'>;
  readonly memberCoupons: Table<'memberId' | 'couponId'>;
}

/**
 * Binds the coupons tables to a client.
 *
 * @example
 * const tables = bindCouponsTables(client);
 * const coupons = new CouponService({ tables, clock: systemClock, members });
 */
export function bindCouponsTables(client: TablestoreClient): CouponsTables {
  return {
    campaigns: bindTable(client, couponCampaignsTable),
    shards: bindTable(client, couponCampaignShardsTable),
    claims: bindTable(client, couponClaimsTable),
    coupons: bindTable(client, couponsTable),
    memberCoupons: bindTable(client, memberCouponsTable),
  };
}
