import { ValidationError, type FieldProblem } from '@retail/core';
import type { RegisterMemberInput, UpdateMemberInput } from './types/member.js';
import type { ListPointsInput, PointsChangeInput } from './types/points.js';

// The transport validates shapes first; these guard the domain rules and what storage relies on,
// so a caller that is not the HTTP transport (trading, seeding) cannot write a broken row.

const PHONE = /^1\d{10}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAX_NAME_LENGTH = 32;
export const MAX_REASON_LENGTH = 64;
export const MAX_REF_LENGTH = 128;
export const MAX_PAGE_LIMIT = 100;

/** Collects problems and throws one ValidationError naming every bad field. */
class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, message: string): void {
    const found = this.list.find((p) => p.field === field);
    if (found) found.messages.push(message);
    else this.list.push({ field, messages: [message] });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list);
  }
}

export function checkRegister(input: RegisterMemberInput, now: number): void {
  const p = new Problems();
  if (typeof input.phone !== 'string' || !PHONE.test(input.phone)) p.add('phone', 'must be 1 followed by 10 digits');
  checkName(p, input.name);
  checkBirthday(p, input.birthday, now);
  if (typeof input.channel !== 'string' || input.channel.length === 0) p.add('channel', 'must name the calling channel app');
  p.throwIfAny();
}

export function checkUpdate(input: UpdateMemberInput, now: number): void {
  const p = new Problems();
  if (input.name !== undefined) checkName(p, input.name);
  checkBirthday(p, input.birthday, now);
  p.throwIfAny();
}

export function checkPointsChange(input: PointsChangeInput): void {
  const p = new Problems();
  if (!Number.isSafeInteger(input.delta) || input.delta === 0) p.add('delta', 'must be a non-zero integer');
  if (typeof input.reason !== 'string' || input.reason.length < 1 || input.reason.length > MAX_REASON_LENGTH) {
    p.add('reason', `must be 1 to ${MAX_REASON_LENGTH} characters`);
  }
  if (input.ref !== undefined && (typeof input.ref !== 'string' || input.ref.length < 1 || input.ref.length > MAX_REF_LENGTH)) {
    p.add('ref', `must be 1 to ${MAX_REF_LENGTH} characters`);
  }
  p.throwIfAny();
}

/** The page size and the sequence to start from (undefined: the newest entry). */
export function checkListPoints(input: ListPointsInput): { limit: number; fromSeq: number | undefined } {
  const p = new Problems();
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_PAGE_LIMIT)
    p.add('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  const fromSeq = input.cursor === undefined || input.cursor === null ? undefined : decodePointsCursor(input.cursor);
  if (fromSeq === null) p.add('cursor', 'is not a cursor of this list');
  p.throwIfAny();
  return { limit: input.limit, fromSeq: fromSeq ?? undefined };
}

/** A ledger page cursor: the sequence of the next (older) entry, opaque to callers. */
export function encodePointsCursor(seq: number): string {
  return Buffer.from(`p1:${seq}`).toString('base64url');
}

/** The sequence in a cursor, or null when it is not one of ours. */
export function decodePointsCursor(cursor: string): number | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^p1:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(seq) && encodePointsCursor(seq) === cursor ? seq : null;
}

function checkName(p: Problems, name: unknown): void {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > MAX_NAME_LENGTH) {
    p.add('name', `must be 1 to ${MAX_NAME_LENGTH} characters, not only spaces`);
  }
}

/** The earliest time zone is UTC+14: a date that is today somewhere is not in the future. */
const EARLIEST_ZONE_MS = 14 * 3_600_000;

/** A real calendar date, not after today in any time zone. `null` and `undefined` pass. */
function checkBirthday(p: Problems, birthday: unknown, now: number): void {
  if (birthday === undefined || birthday === null) return;
  const match = typeof birthday === 'string' ? DATE.exec(birthday) : null;
  const [, y, m, d] = match ?? [];
  const at = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const real = match !== null && new Date(at).toISOString().slice(0, 10) === birthday && Number(y) >= 1900;
  if (!real) p.add('birthday', 'must be a real date (YYYY-MM-DD) from 1900 on');
  else if (at > now + EARLIEST_ZONE_MS) p.add('birthday', 'must not be in the future');
}
