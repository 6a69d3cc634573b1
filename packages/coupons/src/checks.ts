import { ValidationError, isFen, isId, type FieldProblem } from '@retail/core';
import { DISCOUNT_KINDS, isDiscountKind } from './rules.js';
import type { CreateCampaignInput } from './types/campaign.js';
import type { CouponStatus, ListCouponsInput, LockForOrderInput } from './types/coupon.js';

// The transport validates shapes first; these guard the domain rules and what storage relies on,
// so a caller that is not the HTTP transport (trading, seeding) cannot write a broken row.

export const MAX_CAMPAIGN_NAME = 64;
export const MAX_AMOUNT_OFF = 1_000_000_000;
export const MAX_TOTAL = 10_000_000;
export const MAX_PER_MEMBER = 20;
export const MAX_PAGE_LIMIT = 100;
export const COUPON_STATUSES: readonly CouponStatus[] = ['available', 'locked', 'used', 'expired'];
/** ISO-8601 in UTC (`Z`), seconds and milliseconds optional. */
export const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

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

/** The campaign's times in ms, once every field is checked. */
export function checkCreateCampaign(input: CreateCampaignInput): { startsAt: number; endsAt: number } {
  const p = new Problems();
  const { name, kind, value } = input;
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > MAX_CAMPAIGN_NAME)
    p.add('name', `must be 1 to ${MAX_CAMPAIGN_NAME} characters, not only spaces`);
  if (!isDiscountKind(kind)) p.add('kind', `must be one of ${DISCOUNT_KINDS.join(', ')}`);
  if (kind === 'percent-off' && !intIn(value, 1, 99)) p.add('value', 'must be an integer percentage from 1 to 99');
  if (kind !== 'percent-off' && !intIn(value, 1, MAX_AMOUNT_OFF))
    p.add('value', `must be an integer fen from 1 to ${MAX_AMOUNT_OFF}`);
  if (!isFen(input.minSpend)) p.add('minSpend', 'must be an integer fen >= 0');
  if (!intIn(input.total, 1, MAX_TOTAL)) p.add('total', `must be an integer from 1 to ${MAX_TOTAL}`);
  if (!intIn(input.perMemberLimit, 1, MAX_PER_MEMBER)) p.add('perMemberLimit', `must be an integer from 1 to ${MAX_PER_MEMBER}`);
  const startsAt = utcTime(p, 'startsAt', input.startsAt);
  const endsAt = utcTime(p, 'endsAt', input.endsAt);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) p.add('endsAt', 'must be after startsAt');
  p.throwIfAny();
  return { startsAt: startsAt as number, endsAt: endsAt as number };
}

/** The page size, the status filter and the coupon id to continue after. */
export function checkListCoupons(input: ListCouponsInput): { limit: number; after: string | undefined } {
  const p = new Problems();
  if (typeof input.memberId !== 'string' || !isId('mem', input.memberId)) p.add('memberId', 'must be a member id (mem_...)');
  if (input.status !== undefined && !COUPON_STATUSES.includes(input.status))
    p.add('status', `must be one of ${COUPON_STATUSES.join(', ')}`);
  if (!intIn(input.limit, 1, MAX_PAGE_LIMIT)) p.add('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  const after = input.cursor === undefined || input.cursor === null ? undefined : decodeCouponCursor(input.cursor);
  if (after === null) p.add('cursor', 'is not a cursor of this list');
  p.throwIfAny();
  return { limit: input.limit, after: after ?? undefined };
}

export function checkLock(input: LockForOrderInput): void {
  const p = new Problems();
  if (typeof input.memberId !== 'string' || input.memberId.length === 0) p.add('memberId', 'must be a member id');
  if (typeof input.orderId !== 'string' || input.orderId.length === 0 || input.orderId.length > 128)
    p.add('orderId', 'must be 1 to 128 characters');
  if (!isFen(input.subtotal)) p.add('subtotal', 'must be an integer fen >= 0');
  if (input.now !== undefined && !Number.isSafeInteger(input.now)) p.add('now', 'must be milliseconds since the epoch');
  p.throwIfAny();
}

export function checkOrderId(orderId: string): void {
  if (typeof orderId !== 'string' || orderId.length === 0 || orderId.length > 128)
    throw new ValidationError([{ field: 'orderId', messages: ['must be 1 to 128 characters'] }]);
}

/** A coupon list cursor: the id of the last coupon of the page, opaque to callers. */
export function encodeCouponCursor(couponId: string): string {
  return Buffer.from(`c1:${couponId}`).toString('base64url');
}

/** The coupon id in a cursor, or null when it is not one of ours. */
export function decodeCouponCursor(cursor: string): string | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 128 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const match = /^c1:(cpn_[0-9a-z]{26})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const id = match?.[1];
  return id !== undefined && isId('cpn', id) && encodeCouponCursor(id) === cursor ? id : null;
}

function intIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Milliseconds of a real ISO-8601 UTC time, or undefined (with a problem) when it is not one. */
function utcTime(p: Problems, field: string, value: unknown): number | undefined {
  const at = typeof value === 'string' && UTC_TIME.test(value) ? Date.parse(value) : NaN;
  // Date.parse rolls 2026-02-30 over to March: a real date reads back as the same day.
  const real = Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === (value as string).slice(0, 10);
  if (!real) {
    p.add(field, 'must be an ISO-8601 UTC time, e.g. 2026-11-11T00:00:00Z');
    return undefined;
  }
  return at;
}
