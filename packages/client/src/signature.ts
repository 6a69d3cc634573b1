/**
 * Alibaba Cloud API Gateway's request signature (HmacSHA256 with a channel app's AppKey and
 * AppSecret), computed as the official npm client `aliyun-api-gateway` computes it, so requests
 * signed here are accepted by the real gateway and by the local one.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';

/** A channel app's credentials. */
export interface ChannelKeys {
  /** `X-Ca-Key`. */
  appKey: string;
  /** The HMAC key; never sent. */
  appSecret: string;
}

/** The request to sign, as it will go on the wire. */
export interface SignableRequest {
  method: string;
  /** The path exactly as on the request line, without the query. */
  path: string;
  /** The query string without `?` (may be empty). */
  rawQuery: string;
  /** Lowercase header names. */
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
}

const FORM = 'application/x-www-form-urlencoded';
/** Never part of the signed-headers block, even when listed (Alibaba's rule). */
const NEVER_SIGNED = new Set(['x-ca-signature', 'x-ca-signature-headers', 'accept', 'content-md5', 'content-type', 'date']);

/**
 * The string to sign: `METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n`, then `name:value\n` for
 * each header listed in `x-ca-signature-headers` (lowercase, sorted), then the path with every query
 * (and form body) parameter sorted by key.
 *
 * @example
 * stringToSign({ method: 'GET', path: '/members', rawQuery: 'phone=13800000000', headers })
 * // 'GET\napplication/json\n\n\n\nx-ca-key:...\nx-ca-nonce:...\n.../members?phone=13800000000'
 */
export function stringToSign(request: SignableRequest): string {
  const h = request.headers;
  const contentType = h['content-type'] ?? '';
  let text = `${[request.method.toUpperCase(), h.accept ?? '', h['content-md5'] ?? '', contentType, h.date ?? ''].join('\n')}\n`;
  const names = [
    ...new Set(
      (h['x-ca-signature-headers'] ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== '' && !NEVER_SIGNED.has(name)),
    ),
  ].sort();
  for (const name of names) text += `${name}:${h[name] ?? ''}\n`;
  // querystring.parse, as the official client reads the URL: `+` is a space, a repeated key an array.
  const params: Record<string, string | string[] | undefined> = Object.assign(Object.create(null), parseQuery(request.rawQuery));
  if (contentType.startsWith(FORM) && request.body) Object.assign(params, parseQuery(Buffer.from(request.body).toString('utf8')));
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return text + request.path;
  const pairs = keys.map((key) => {
    const value = params[key] === undefined ? '' : String(params[key]);
    return value === '' ? key : `${key}=${value}`;
  });
  return `${text}${request.path}?${pairs.join('&')}`;
}

/** base64(HMAC-SHA256(secret, text)): the `X-Ca-Signature`. */
export function sign(secret: string, text: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('base64');
}

/** base64(MD5(body)): the `Content-MD5` of a body. */
export function contentMd5(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

/** What varies per request; injectable for tests. */
export interface SigningClock {
  now?: () => number;
  nonce?: () => string;
}

/**
 * The request's headers with the signature headers added: `x-ca-key`, `x-ca-timestamp`,
 * `x-ca-nonce`, `x-ca-signature-method`, `content-md5` for a body, and `x-ca-signature` over them
 * (plus any `idempotency-key`, so a retry cannot be replayed under another key).
 *
 * @example
 * const headers = signRequest(keys, { method: 'GET', path: '/members/mem_1', rawQuery: '', headers: { accept: 'application/json' } });
 * await fetch(`${base}/members/mem_1`, { headers });
 */
export function signRequest(keys: ChannelKeys, request: SignableRequest, clock: SigningClock = {}): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  headers['x-ca-key'] = keys.appKey;
  headers['x-ca-timestamp'] = String((clock.now ?? Date.now)());
  headers['x-ca-nonce'] = (clock.nonce ?? randomUUID)();
  headers['x-ca-signature-method'] = 'HmacSHA256';
  if (request.body && request.body.length > 0) headers['content-md5'] = contentMd5(request.body);
  const signed = ['x-ca-key', 'x-ca-nonce', 'x-ca-signature-method', 'x-ca-timestamp'];
  if (headers['idempotency-key'] !== undefined) signed.push('idempotency-key');
  headers['x-ca-signature-headers'] = signed.join(',');
  headers['x-ca-signature'] = sign(keys.appSecret, stringToSign({ ...request, headers }));
  return headers;
}
