import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { authFailed } from '../engine/errors.js';

export interface Credentials {
  instanceName: string;
  accessKeyId: string;
  accessKeySecret: string;
}

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const REQUIRED = [
  'x-ots-date',
  'x-ots-apiversion',
  'x-ots-accesskeyid',
  'x-ots-instancename',
  'x-ots-contentmd5',
  'x-ots-signature',
];

/**
 * Verifies a request as the service does: the headers, the key pair, the instance, the clock,
 * the body's MD5 and the HMAC-SHA1 signature over the operation and the sorted `x-ots-*` headers.
 */
export function verifyRequest(
  operation: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  credentials: Credentials,
  now: number,
): void {
  for (const name of REQUIRED) if (typeof headers[name] !== 'string') throw authFailed(`Missing header: '${name}'.`);
  if (headers['x-ots-accesskeyid'] !== credentials.accessKeyId) throw authFailed('The AccessKeyID does not exist.');
  if (headers['x-ots-instancename'] !== credentials.instanceName) {
    throw authFailed(`The instance '${String(headers['x-ots-instancename'])}' does not exist on this endpoint.`);
  }
  const date = Date.parse(headers['x-ots-date'] as string);
  if (Number.isNaN(date) || Math.abs(now - date) > MAX_CLOCK_SKEW_MS) {
    throw authFailed(`Mismatch between system time and x-ots-date: ${String(headers['x-ots-date'])}.`);
  }
  const md5 = createHash('md5').update(body).digest('base64');
  if (headers['x-ots-contentmd5'] !== md5) {
    throw authFailed('Mismatch between MD5 value of request body and x-ots-contentmd5 in header.');
  }
  const expected = Buffer.from(requestSignature(operation, headers, credentials.accessKeySecret));
  const given = Buffer.from(headers['x-ots-signature'] as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw authFailed('Signature mismatch.');
}

/** `"/"+Op+"\nPOST\n\n"` + the sorted `name:value` lines of every x-ots-* header but the signature. */
export function requestSignature(operation: string, headers: IncomingHttpHeaders, secret: string): string {
  const lines = Object.keys(headers)
    .filter((name) => name.startsWith('x-ots-') && name !== 'x-ots-signature')
    .sort()
    .map((name) => `${name}:${String(headers[name])}`);
  const text = `/${operation}\nPOST\n\n${lines.join('\n')}\n`;
  return createHmac('sha1', secret).update(text).digest('base64');
}

/** The response signature the Python and Java SDKs verify: sorted `k:v\n` lines, then `/Op`. */
export function responseAuthorization(operation: string, headers: Record<string, string>, credentials: Credentials): string {
  const lines = Object.keys(headers)
    .filter((name) => name.startsWith('x-ots-'))
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
  const signature = createHmac('sha1', credentials.accessKeySecret).update(`${lines}/${operation}`).digest('base64');
  return `OTS ${credentials.accessKeyId}:${signature}`;
}
