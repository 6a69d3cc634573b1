import { createHash } from 'node:crypto';

// Crockford's base32 in lower case, the alphabet of ULIDs (and of `isId`).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const PREFIX = /^[a-z]{2,8}$/;
const MAX_TIME = 2 ** 48 - 1;

/**
 * An id that is the same every time it is made from the same time and seed: ULID-shaped, so it
 * passes `isId(prefix, ...)` and sorts by `at` among ids from `newId`; its time part is `at`, its
 * random part the first 80 bits of the seed's sha256. For work that a retry must find again under
 * the same id (an order made for one Idempotency-Key). The seed must name the work uniquely: two
 * seeds with the same `at` give the same id only if they are equal.
 *
 * @example
 * seededId('ord', Date.UTC(2026, 10, 11), 'wechat|trading\nkey-1\nmem_01j9...') // 'ord_01kkx...', every time
 */
export function seededId(prefix: string, at: number, seed: string): string {
  if (!PREFIX.test(prefix)) throw new TypeError(`An id prefix is 2 to 8 lowercase letters, got '${prefix}'.`);
  if (!Number.isInteger(at) || at < 0 || at > MAX_TIME)
    throw new RangeError(`An id's time is a whole ms in 0..2^48-1, got ${at}.`);
  return `${prefix}_${timePart(at)}${randomPart(createHash('sha256').update(seed, 'utf8').digest())}`;
}

/** 48 bits of time in 10 characters, most significant first: what makes ids sort by time. */
function timePart(at: number): string {
  let rest = at;
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** 80 bits of the digest in 16 characters (5 bytes make 8 characters, exactly). */
function randomPart(digest: Buffer): string {
  let out = '';
  for (let offset = 0; offset < 10; offset += 5) {
    let bits = 0n;
    for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(digest[offset + i] as number);
    for (let shift = 35n; shift >= 0n; shift -= 5n) out += ALPHABET[Number((bits >> shift) & 31n)];
  }
  return out;
}
