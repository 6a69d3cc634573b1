import { InvalidCursorError } from './errors.js';
import { INT64_MAX, INT64_MIN } from './int64.js';
import { compareKeys } from './key-order.js';
import type { ResolvedRange } from './range-bounds.js';
import type { TableDefinition } from './types/table.js';
import type { PrimaryKeyValue } from './types/values.js';

const VERSION = 1;
const MAX_CURSOR_LENGTH = 8192;
type Encoded = ['i' | 's' | 'b', string];

/** A next-start key as an opaque cursor: base64url of versioned, typed JSON. */
export function encodeCursor(key: readonly PrimaryKeyValue[]): string {
  const k: Encoded[] = key.map((v) => {
    if (typeof v === 'number' || typeof v === 'bigint') return ['i', BigInt(v).toString()];
    if (typeof v === 'string') return ['s', v];
    return ['b', Buffer.from(v).toString('base64url')];
  });
  return Buffer.from(JSON.stringify({ v: VERSION, k })).toString('base64url');
}

/**
 * A cursor back into key values, checked against the table's key (count and types) and, given a
 * range, required to lie inside it, so a tampered cursor cannot reach rows outside the range the
 * caller asked for. Anything wrong is an InvalidCursorError.
 */
export function decodeCursor(table: TableDefinition, cursor: string, range?: ResolvedRange): PrimaryKeyValue[] {
  const bad = (why: string): never => {
    throw new InvalidCursorError(`invalid cursor for ${table.name}: ${why}`, { table: table.name });
  };
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) bad('wrong length');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) bad('not base64url');
  const bytes = Buffer.from(cursor, 'base64url');
  // Node's decoder ignores stray trailing characters; only the canonical form is accepted.
  if (bytes.toString('base64url') !== cursor) bad('not canonical base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bad('not readable');
  }
  const p = parsed as { v?: unknown; k?: unknown };
  if (typeof p !== 'object' || p === null || p.v !== VERSION || !Array.isArray(p.k)) return bad('unknown format');
  if (p.k.length !== table.primaryKey.length) return bad('key has the wrong number of columns');
  const key = table.primaryKey.map((col, i) => decodeValue(p.k as unknown[], i, col.type, bad));
  if (range) {
    const types = table.primaryKey.map((c) => c.type);
    const fromStart = compareKeys(key, range.start, types);
    const toEnd = compareKeys(key, range.end, types);
    const inside = range.forward ? fromStart >= 0 && toEnd < 0 : fromStart <= 0 && toEnd > 0;
    if (!inside) bad('outside the requested range');
  }
  return key;
}

function decodeValue(k: unknown[], i: number, type: string, bad: (why: string) => never): PrimaryKeyValue {
  const item = k[i];
  if (!Array.isArray(item) || item.length !== 2 || typeof item[1] !== 'string') return bad(`column ${i + 1} malformed`);
  const [tag, text] = item as [unknown, string];
  if (type === 'integer' && tag === 'i') {
    if (!/^-?(0|[1-9][0-9]{0,18})$/.test(text)) return bad(`column ${i + 1} is not an integer`);
    const big = BigInt(text);
    if (big < INT64_MIN || big > INT64_MAX) return bad(`column ${i + 1} is out of range`);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if (type === 'string' && tag === 's') {
    if (Buffer.byteLength(text) > 1024) return bad(`column ${i + 1} is too long`);
    return text;
  }
  if (type === 'binary' && tag === 'b') {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) return bad(`column ${i + 1} is not base64url`);
    const buf = Buffer.from(text, 'base64url');
    if (buf.byteLength > 1024) return bad(`column ${i + 1} is too long`);
    return buf;
  }
  return bad(`column ${i + 1} does not have the key's type`);
}
