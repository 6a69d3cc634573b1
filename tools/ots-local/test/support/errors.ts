/**
 * Errors as the Node SDK reports them: `err.code` is the numeric HTTP status and `err.message`
 * is the raw protobuf `Error{code, message}` body as text plus " requestId:<id>", so the OTS
 * code and message are substrings of it.
 */
import { expect } from 'vitest';

export interface OtsFailure {
  /** HTTP status (the SDK's err.code), or the SDK's string code for transport errors. */
  status: unknown;
  /** err.message as the SDK built it. */
  raw: string;
  /** The OTS error code found in the body, if any. */
  otsCode: string | undefined;
  /** The human part of the body (after the code), best effort. */
  text: string;
}

const OTS_CODE = /OTS[A-Z][A-Za-z]+/;

export function toFailure(err: unknown): OtsFailure {
  const e = err as { code?: unknown; message?: unknown };
  const raw = String(e?.message ?? err);
  const otsCode = OTS_CODE.exec(raw)?.[0];
  let text = raw.replace(/ requestId:[^ ]*$/, '');
  if (otsCode) {
    const at = text.indexOf(otsCode);
    // Skip the code, the 0x12 tag and the varint length of the message field.
    text = text.slice(at + otsCode.length).replace(/^[\u0000-\u001f\ufffd\u0080-\u00ff]+/, '');
  }
  return { status: e?.code, raw, otsCode, text };
}

/** Awaits `p`, requires it to reject, and returns the parsed failure. */
export async function failureOf(p: Promise<unknown>): Promise<OtsFailure> {
  try {
    await p;
  } catch (err) {
    return toFailure(err);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * Requires `p` to fail with OTS error `code` and HTTP `status` (checked when given), e.g.
 * `await expectOtsError(client.getRow(...), 'OTSObjectNotExist', 404)`.
 */
export async function expectOtsError(p: Promise<unknown>, code: string, status?: number): Promise<OtsFailure> {
  let f: OtsFailure;
  try {
    f = await failureOf(p);
  } catch (e) {
    throw new Error(`expected ${code}${status ? ` (${status})` : ''}: ${(e as Error).message}`);
  }
  expect(f.otsCode, `error body should carry ${code}; got: ${JSON.stringify(f.raw)}`).toBe(code);
  if (status !== undefined) {
    expect(f.status, `HTTP status for ${code}; body: ${JSON.stringify(f.raw)}`).toBe(status);
  }
  return f;
}
