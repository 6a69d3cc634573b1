import type { MemberLevel } from '../levels.js';

/** A member as the contract shows it. */
export interface Member {
  readonly id: string;
  readonly phone: string;
  readonly name: string;
  /** `YYYY-MM-DD`, or null when not given. */
  readonly birthday: string | null;
  readonly level: MemberLevel;
  /** The balance: always the sum of the member's ledger deltas. */
  readonly points: number;
  /** Points ever earned (positive deltas); spending never lowers it. */
  readonly lifetimePoints: number;
  /** The channel app that registered the member (`wechat`, `pos`, ...). */
  readonly registeredChannel: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
}

export interface RegisterMemberInput {
  /** A mainland mobile number, `1` and ten digits. */
  readonly phone: string;
  readonly name: string;
  /** `YYYY-MM-DD`. */
  readonly birthday?: string | null | undefined;
  /** The calling channel app, from the gateway's `X-Retail-Channel`. */
  readonly channel: string;
}

/** A profile change: a field left out stays as it is; `birthday: null` removes it. */
export interface UpdateMemberInput {
  readonly name?: string | undefined;
  readonly birthday?: string | null | undefined;
}
