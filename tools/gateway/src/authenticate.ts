/**
 * Channel-app authentication in the order the gateway applies it: headers present, AppKey known,
 * timestamp fresh (before the body is read), then signature, Content-MD5 and nonce.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ChannelApp } from './channels.js';
import type { NonceCache } from './nonce-cache.js';
import { refusal, type ProblemResponse } from './problem.js';
import { contentMd5, digestFor, safeEqual, showStringToSign, sign, stringToSign } from './signature.js';

/** The channel app a request claims to come from. */
export interface Caller {
  channel: string;
  app: ChannelApp;
}

/** What authentication needs. */
export interface AuthSettings {
  /** Channel apps by AppKey. */
  byAppKey: ReadonlyMap<string, Caller>;
  nonces: NonceCache;
  timestampWindowMs: number;
  now: () => number;
}

/** The longest `X-Ca-Error-Message` sent: clients read at most 16 KiB of headers. */
const MAX_ERROR_MESSAGE = 8 * 1024;

/** Step one, from the headers alone: who the caller says it is, and whether its timestamp is fresh. */
export function identify(headers: IncomingHttpHeaders, settings: AuthSettings): Caller | ProblemResponse {
  const signature = single(headers['x-ca-signature']);
  const appKey = single(headers['x-ca-key']);
  if (!signature || !appKey) {
    return refusal('signature-missing', 'Sign the request: X-Ca-Key and X-Ca-Signature are required.');
  }
  const caller = settings.byAppKey.get(appKey);
  if (!caller) return refusal('invalid-app-key', 'No channel app has this X-Ca-Key.');
  const timestamp = single(headers['x-ca-timestamp']);
  const at = timestamp !== undefined && /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(at) || Math.abs(settings.now() - at) > settings.timestampWindowMs) {
    return refusal(
      'timestamp-expired',
      `X-Ca-Timestamp must be the epoch milliseconds of the request, within ${settings.timestampWindowMs / 60_000} minutes of the gateway's clock.`,
    );
  }
  return caller;
}

/** What a request looks like to the signature check. */
export interface SignedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Step two, with the body: signature, Content-MD5, then the nonce (recorded only for a valid request). */
export function verify(request: SignedRequest, caller: Caller, settings: AuthSettings): ProblemResponse | undefined {
  const { headers } = request;
  const digest = digestFor(single(headers['x-ca-signature-method']));
  const text = stringToSign(request);
  const expected = digest === undefined ? undefined : sign(caller.app.appSecret, text, digest);
  if (expected === undefined || !safeEqual(single(headers['x-ca-signature']) ?? '', expected)) {
    const shown = showStringToSign(text);
    const message = `Invalid Signature, Server StringToSign:${shown}`;
    return refusal(
      'invalid-signature',
      digest === undefined
        ? 'X-Ca-Signature-Method must be HmacSHA256 or HmacSHA1.'
        : `The signature does not match the gateway's. Server StringToSign (line feeds shown as #): ${shown}`,
      {
        message: message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE)}...` : message,
        extensions: { stringToSign: text },
      },
    );
  }
  const md5 = single(headers['content-md5']);
  if (md5 !== undefined && !safeEqual(md5, contentMd5(request.body))) {
    return refusal('invalid-content-md5', 'Content-MD5 is not the base64 MD5 of the body received.');
  }
  const nonce = single(headers['x-ca-nonce']);
  // identify() has checked the timestamp: the nonce must outlive it, or a request stamped ahead of
  // the gateway's clock could be replayed once its nonce is forgotten.
  const issuedAt = Number(single(headers['x-ca-timestamp']));
  if (nonce !== undefined && !settings.nonces.use(nonceKey(caller.app.appKey, nonce), issuedAt)) {
    return refusal('nonce-used', 'This X-Ca-Nonce was already used in the last 15 minutes: send a new one with each request.');
  }
  return undefined;
}

/** A fixed-size cache key, however long the nonce: nonces are scoped to their channel app. */
function nonceKey(appKey: string, nonce: string): string {
  return createHash('sha256').update(appKey).update('\u0000').update(nonce).digest('base64');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
