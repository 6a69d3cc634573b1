/** The opaque `nextCursor` of a log query: a segment and the line index the next page starts below. */

/** Where the next page of a query starts. */
export interface LogCursor {
  seq: number;
  index: number;
}

const SHAPE = /^(\d{1,12}):(\d{1,12})$/;

/**
 * @example
 * decodeCursor(encodeCursor({ seq: 3, index: 120 })) // { seq: 3, index: 120 }
 */
export function encodeCursor(cursor: LogCursor): string {
  return Buffer.from(`${cursor.seq}:${cursor.index}`).toString('base64url');
}

/** The cursor in `text`, or undefined when it is not one this store wrote. */
export function decodeCursor(text: string): LogCursor | undefined {
  const match = SHAPE.exec(Buffer.from(text, 'base64url').toString('utf8'));
  return match ? { seq: Number(match[1]), index: Number(match[2]) } : undefined;
}
