/**
 * Alibaba Cloud API Gateway signatures (ALIBABA.md §4), computed as the official Node.js client
 * (`aliyun-api-gateway` 1.1.6, lib/client.js `buildStringToSign`) computes them, byte for byte.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

/** The content type whose body parameters are signed as part of the URL (and get no Content-MD5). */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Headers never signed in the Headers block, even when listed in `X-Ca-Signature-Headers`. */
const NEVER_SIGNED = new Set(['x-ca-signature', 'x-ca-signature-headers', 'accept', 'content-md5', 'content-type', 'date']);

/** Parameters as `querystring.parse` gives them: a repeated key is an array. */
export type Params = Record<string, string | string[] | undefined>;

/** What the string to sign is made of. */
export interface SignatureInput {
  method: string;
  /** The path exactly as on the request line, without the query. */
  path: string;
  /** The query string as on the request line, without `?` (may be empty). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  /** The raw body: its form parameters are signed when the content type is a form. */
  body: Buffer;
}

/**
 * The string to sign:
 * `METHOD\nAccept\nContent-MD5\nContent-Type\nDate\n` + `key:value\n` per signed header + Url.
 *
 * @example
 * stringToSign({ method: 'GET', path: '/members', rawQuery: 'phone=1', headers, body: Buffer.alloc(0) })
 * // 'GET\napplication/json\n\n\n\nx-ca-key:…\nx-ca-nonce:…\n/members?phone=1'
 */
export function stringToSign(input: SignatureInput): string {
  const { headers } = input;
  const contentType = header(headers, 'content-type');
  const lines = [input.method, header(headers, 'accept'), header(headers, 'content-md5'), contentType, header(headers, 'date')];
  let result = `${lines.join('\n')}\n`;
  const signed = signedHeaderNames(headers);
  if (signed.length > 0) result += `${signed.map((name) => `${name}:${header(headers, name)}`).join('\n')}\n`;
  // A null-prototype object like the client's (`querystring.parse`), so `__proto__` is a plain key.
  const params: Params = Object.assign(Object.create(null) as Params, parseQueryString(input.rawQuery));
  // The client merges the form parameters over the query ones (Object.assign), so a body value wins.
  if (contentType.startsWith(FORM_CONTENT_TYPE)) Object.assign(params, parseQueryString(input.body.toString('utf8')));
  return result + urlToSign(input.path, params);
}

/** The names listed in `X-Ca-Signature-Headers`: lowercased, sorted, without those never signed. */
export function signedHeaderNames(headers: IncomingHttpHeaders): string[] {
  const names = header(headers, 'x-ca-signature-headers')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && !NEVER_SIGNED.has(name));
  return [...new Set(names)].sort();
}

/** Path plus `?k=v&k2` over the parameters sorted by key (a bare key for an empty value). */
export function urlToSign(path: string, params: Params): string {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return path;
  const pairs = keys.map((key) => {
    const value = params[key];
    // `${value}` of an array joins it with commas, as the client's template literal does.
    const text = value === undefined ? '' : `${String(value)}`;
    return text === '' ? key : `${key}=${text}`;
  });
  return `${path}?${pairs.join('&')}`;
}

/** Supported `X-Ca-Signature-Method` values and their HMAC digests. */
const ALGORITHMS: Record<string, string> = { HmacSHA256: 'sha256', HmacSHA1: 'sha1' };

/** The digest for an `X-Ca-Signature-Method` value (default HmacSHA256); undefined when unsupported. */
export function digestFor(signatureMethod: string | undefined): string | undefined {
  return signatureMethod === undefined || signatureMethod === '' ? 'sha256' : ALGORITHMS[signatureMethod];
}

/** base64(HMAC(secret, stringToSign)), as sent in `X-Ca-Signature`. */
export function sign(secret: string, text: string, digest = 'sha256'): string {
  return createHmac(digest, Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('base64');
}

/** Constant-time comparison of two header values (length is not secret: a signature's is fixed). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** base64(md5(body)), the `Content-MD5` of a body. */
export function contentMd5(body: Buffer): string {
  return createHash('md5').update(body).digest('base64');
}

/**
 * The string to sign as the gateway shows it in `X-Ca-Error-Message` (a header has no line breaks):
 * each `\n` becomes `#`, as the real gateway shows it (the official client compares its own string
 * with `\n` replaced by `#` against it). Characters a header cannot carry are percent-encoded.
 */
export function showStringToSign(text: string): string {
  return text.replace(/\n/g, '#').replace(/[^\x20-\x7e]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '?';
    }
  });
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : value;
}
