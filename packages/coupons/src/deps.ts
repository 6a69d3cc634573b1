import type { BoundedCache, Clock } from '@retail/core';
import { TablestoreError } from '@retail/tablestore';
import type { HoldRepairs } from './hold-repairs.js';
import type { CampaignRecord } from './records.js';
import type { SellOuts } from './sell-outs.js';
import type { CouponsTables } from './tables.js';

/**
 * The coupons domain's view of members: whether one exists. The coupons function implements it
 * with `@retail/member`; the library does not read member tables itself.
 *
 * @example
 * const members: MemberDirectory = { exists: (id) => memberService.get(id).then(() => true, notFoundAsFalse) };
 */
export interface MemberDirectory {
  exists(memberId: string): Promise<boolean>;
}

/** What every use-case is given. */
export interface CouponDeps {
  readonly tables: CouponsTables;
  readonly clock: Clock;
  /** Needed by claims and member listings; trading's lock, release and use do without. */
  readonly members: MemberDirectory | undefined;
  /** How old a claim's hold or slot must be, with no coupon, before it counts as abandoned. */
  readonly claimGraceMs: number;
  /** Campaign rows read by this process: written once, never changed, so a copy cannot go stale. */
  readonly campaigns: BoundedCache<string, CampaignRecord>;
  readonly holdRepairs: HoldRepairs;
  readonly sellOuts: SellOuts;
  /** A write that may fail without failing the request (it is repaired later) reports here. */
  readonly onDeferredError: (error: unknown) => void;
}

/** Whether a storage error leaves open that the write was applied. */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof TablestoreError && error.ambiguous;
}

/** The member directory, or a defect: a service built without one was asked to claim. */
export function membersOf(deps: CouponDeps): MemberDirectory {
  if (!deps.members) throw new Error('CouponService: claims and member listings need the `members` option (a MemberDirectory)');
  return deps.members;
}
