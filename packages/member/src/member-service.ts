import type { Clock } from '@retail/core';
import type { TablestoreClient } from '@retail/tablestore';
import { changePoints } from './change-points.js';
import type { MemberDeps, PointsRetryPolicy } from './deps.js';
import { findMemberByPhone, getMember } from './find-member.js';
import { KeyedQueue } from './keyed-queue.js';
import { listPoints } from './list-points.js';
import { registerMember } from './register.js';
import { bindMemberTables, type MemberTables } from './tables.js';
import { updateMember } from './update-member.js';
import type { Member, RegisterMemberInput, UpdateMemberInput } from './types/member.js';
import type { ListPointsInput, PointsChange, PointsChangeInput, PointsPage } from './types/points.js';

export const DEFAULT_PHONE_CLAIM_GRACE_MS = 60_000;
export const DEFAULT_POINTS_RETRY: PointsRetryPolicy = { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 100 };

export type MemberServiceOptions = ({ readonly client: TablestoreClient } | { readonly tables: MemberTables }) & {
  readonly clock: Clock;
  /**
   * How long a phone claim without its member row counts as a registration in progress; after
   * that the next registration of the phone removes it. Longer than any function timeout.
   * Default 60 s.
   */
  readonly phoneClaimGraceMs?: number;
  readonly pointsRetry?: Partial<PointsRetryPolicy>;
  /**
   * Called with a storage error of a write that did not fail the request and is repaired on the
   * next touch (a ledger row after its balance update, a claim confirmation): log it.
   */
  readonly onDeferredError?: (error: unknown) => void;
};

/**
 * The member domain's use-cases over the member tables. Create one per process (it holds the
 * per-member queue of points changes) and share it.
 *
 * @example
 * const members = new MemberService({ client, clock: systemClock });
 * const m = await members.register({ phone: '13800000000', name: 'Li Lei', channel: 'wechat' });
 * await members.changePoints(m.id, { delta: 120, reason: 'order paid', ref: 'order:ord_123' });
 */
export class MemberService {
  private readonly deps: MemberDeps;

  constructor(options: MemberServiceOptions) {
    this.deps = {
      tables: 'tables' in options ? options.tables : bindMemberTables(options.client),
      clock: options.clock,
      phoneClaimGraceMs: options.phoneClaimGraceMs ?? DEFAULT_PHONE_CLAIM_GRACE_MS,
      pointsRetry: { ...DEFAULT_POINTS_RETRY, ...options.pointsRetry },
      queue: new KeyedQueue(),
      onDeferredError: options.onDeferredError ?? (() => {}),
    };
  }

  /**
   * Registers a member with 0 points at level `regular`.
   * Throws `ConflictError('phone-taken')` when the phone is registered (or being registered).
   *
   * @example
   * await members.register({ phone: '13800000000', name: 'Li Lei', birthday: '1990-05-01', channel: 'pos' });
   */
  register(input: RegisterMemberInput): Promise<Member> {
    return registerMember(this.deps, input);
  }

  /**
   * The member, or `NotFoundError('member', id)`.
   *
   * @example
   * const m = await members.get('mem_01j9z3k5q8x7v2w4t6y8r0p2n4');
   */
  get(memberId: string): Promise<Member> {
    return getMember(this.deps, memberId);
  }

  /**
   * The member registered with this phone, or `NotFoundError`.
   *
   * @example
   * const m = await members.findByPhone('13800000000');
   */
  findByPhone(phone: string): Promise<Member> {
    return findMemberByPhone(this.deps, phone);
  }

  /**
   * Changes name and/or birthday (`birthday: null` removes it); returns the member.
   *
   * @example
   * await members.update(id, { name: 'Han Meimei' });
   */
  update(memberId: string, input: UpdateMemberInput): Promise<Member> {
    return updateMember(this.deps, memberId, input);
  }

  /**
   * Earns (delta > 0) or spends (delta < 0) points. Refusals: `insufficient-points` (the balance
   * would go below zero), `points-busy` (lost too many races on this member; nothing changed),
   * `points-ref-reused` (the ref was applied with another delta or reason).
   *
   * @example
   * const { balance, entryId } = await members.changePoints(id, { delta: -50, reason: 'redeemed' });
   * await members.changePoints(id, { delta: 88, reason: 'order paid', ref: 'order:ord_123' }); // at most once
   */
  changePoints(memberId: string, input: PointsChangeInput): Promise<PointsChange> {
    return changePoints(this.deps, memberId, input);
  }

  /**
   * A page of the points ledger, newest first: `{ items, nextCursor }`.
   *
   * @example
   * const first = await members.listPoints(id, { limit: 20 });
   * const next = await members.listPoints(id, { limit: 20, cursor: first.nextCursor });
   */
  listPoints(memberId: string, input: ListPointsInput): Promise<PointsPage> {
    return listPoints(this.deps, memberId, input);
  }
}
