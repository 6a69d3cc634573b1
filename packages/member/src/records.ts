import { isoTime } from '@retail/core';
import type { Row } from '@retail/tablestore';
import { levelFor } from './levels.js';
import type { Member } from './types/member.js';
import type { PointsEntry } from './types/points.js';

/** A ledger entry as stored: in its ledger row, and the newest one also in the member row. */
export interface LedgerEntry {
  readonly seq: number;
  readonly id: string;
  readonly delta: number;
  readonly reason: string;
  readonly balance: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly ref: string | undefined;
}

/** A member row as the use-cases see it. */
export interface MemberRecord {
  readonly id: string;
  readonly phone: string;
  readonly name: string;
  readonly birthday: string | null;
  readonly registeredChannel: string;
  readonly createdAt: number;
  readonly points: number;
  readonly lifetimePoints: number;
  /** The newest ledger entry's sequence; 0 before the first. */
  readonly seq: number;
  /** The newest ledger entry (undefined before the first). */
  readonly last: LedgerEntry | undefined;
}

/** A member row read back: a member, or the tombstone of an abandoned registration. */
export function parseMemberRow(row: Row): MemberRecord | 'void' {
  if (row.state === 'void') return 'void';
  const seq = int(row, 'seq');
  return {
    id: text(row, 'memberId'),
    phone: text(row, 'phone'),
    name: text(row, 'name'),
    birthday: row.birthday === undefined ? null : text(row, 'birthday'),
    registeredChannel: text(row, 'registeredChannel'),
    createdAt: int(row, 'createdAt'),
    points: int(row, 'points'),
    lifetimePoints: int(row, 'lifetimePoints'),
    seq,
    last:
      seq === 0
        ? undefined
        : {
            seq,
            id: text(row, 'lastEntryId'),
            delta: int(row, 'lastDelta'),
            reason: text(row, 'lastReason'),
            balance: int(row, 'points'),
            at: int(row, 'lastAt'),
            ref: row.lastRef === undefined ? undefined : text(row, 'lastRef'),
          },
  };
}

/** A ledger row (or a ref row, given its seq) read back. */
export function parseLedgerRow(row: Row, seq = int(row, 'seq')): LedgerEntry {
  return {
    seq,
    id: text(row, 'entryId'),
    delta: int(row, 'delta'),
    reason: text(row, 'reason'),
    balance: int(row, 'balance'),
    at: int(row, 'at'),
    ref: row.ref === undefined ? undefined : text(row, 'ref'),
  };
}

export function toMember(record: MemberRecord): Member {
  return {
    id: record.id,
    phone: record.phone,
    name: record.name,
    birthday: record.birthday,
    level: levelFor(record.lifetimePoints),
    points: record.points,
    lifetimePoints: record.lifetimePoints,
    registeredChannel: record.registeredChannel,
    createdAt: isoTime(record.createdAt),
  };
}

export function toPointsEntry(entry: LedgerEntry): PointsEntry {
  return { id: entry.id, delta: entry.delta, reason: entry.reason, balance: entry.balance, at: isoTime(entry.at) };
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`member storage: column '${column}' should be a string, found ${typeof value}`);
  return value;
}

function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`member storage: column '${column}' should be a safe integer, found ${typeof value}`);
  }
  return value;
}
