import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();
const PREFIX = /^[a-z]{2,8}$/;
const ULID = '[0-9a-hjkmnp-tv-z]{26}';

/**
 * A new id: a short type prefix and a lowercase ULID, so ids sort by creation time and say what
 * they name (`ord_01j9...`). Ids made in the same millisecond still increase.
 *
 * @example
 * newId('mem') // 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4'
 */
export function newId(prefix: string, now: number = Date.now()): string {
  if (!PREFIX.test(prefix)) throw new TypeError(`An id prefix is 2 to 8 lowercase letters, got '${prefix}'.`);
  return `${prefix}_${nextUlid(now).toLowerCase()}`;
}

/**
 * Whether `value` is an id with this prefix: the check a transport layer makes on a path value
 * before it goes anywhere near storage.
 *
 * @example
 * isId('mem', 'mem_01j9z3k5q8x7v2w4t6y8r0p2n4') // true
 */
export function isId(prefix: string, value: string): boolean {
  let pattern = patterns.get(prefix);
  if (pattern === undefined) {
    pattern = new RegExp(`^${prefix}_${ULID}$`);
    // A handful of prefixes exist; a caller passing arbitrary ones must not grow this for ever.
    if (patterns.size < MAX_PATTERNS) patterns.set(prefix, pattern);
  }
  return pattern.test(value);
}

/** Checked on every request that names a resource: compiled once per prefix. */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 64;
