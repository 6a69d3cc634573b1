import type { IsoTime } from './common.js';

export type MemberLevel = 'regular' | 'silver' | 'gold' | 'platinum';

export interface Member {
  id: string;
  phone: string;
  name: string;
  /** `YYYY-MM-DD`, or null. */
  birthday: string | null;
  /** regular < 1000 <= silver < 5000 <= gold < 20000 <= platinum lifetime points. */
  level: MemberLevel;
  points: number;
  lifetimePoints: number;
  /** The channel app that registered the member. */
  registeredChannel: string;
  createdAt: IsoTime;
}

export interface RegisterMemberInput {
  /** `1` and ten digits. */
  phone: string;
  /** 1..32 characters. */
  name: string;
  /** `YYYY-MM-DD`. */
  birthday?: string;
}

export interface UpdateMemberInput {
  name?: string;
  /** `null` removes it. */
  birthday?: string | null;
}

export interface ChangePointsInput {
  /** A non-zero integer: positive earns, negative spends. */
  delta: number;
  /** 1..64 characters. */
  reason: string;
}

export interface PointsChange {
  balance: number;
  entryId: string;
}

export interface PointsEntry {
  id: string;
  delta: number;
  reason: string;
  /** The balance right after this entry. */
  balance: number;
  at: IsoTime;
}
