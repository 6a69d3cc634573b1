/**
 * Hand-built Tablestore HTTP requests (TABLESTORE.md §1), for what the SDK cannot express:
 * a tampered body, a bad signature, a stale date, an unknown operation.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { proto } from './sdk.js';
import type { Target } from './target.js';

export function md5Base64(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

/** The request string to sign: "/Op\nPOST\n\n" + sorted "name:value" x-ots-* lines + "\n". */
export function stringToSign(op: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => k.startsWith('x-ots-') && k !== 'x-ots-signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`);
  return `/${op}\nPOST\n\n${lines.join('\n')}\n`;
}

export function sign(secret: string, op: string, headers: Record<string, string>): string {
  return createHmac('sha1', secret).update(stringToSign(op, headers)).digest('base64');
}

/**
 * The response signature other SDKs check (aliyun-tablestore-python-sdk `protocol.py`
 * `_make_response_signature`): HMAC-SHA1 over sorted "name:value" x-ots-* response headers
 * (without x-ots-signature), joined by "\n", then "\n/Op".
 */
export function responseSignature(secret: string, op: string, headers: http.IncomingHttpHeaders): string {
  const lines = Object.entries(headers)
    .filter(([k]) => k.startsWith('x-ots-') && k !== 'x-ots-signature')
    .map(([k, v]) => `${k}:${String(v).trim()}`)
    .sort();
  return createHmac('sha1', secret)
    .update(`${lines.join('\n')}\n/${op}`)
    .digest('base64');
}

export interface RawRequest {
  op: string;
  body: Uint8Array;
  /** Overrides, applied before signing unless `signature` is given. */
  accessKeyId?: string;
  secret?: string;
  instanceName?: string;
  date?: string;
  /** MD5 header value; defaults to the MD5 of `body`. */
  contentMd5?: string;
  /** Sign as if the body were this (for tampering); defaults to `body`. */
  signedBody?: Uint8Array;
  /** Use this signature instead of computing one. */
  signature?: string;
  method?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one signed request to the target and collects the whole response. */
export function rawRequest(target: Target, req: RawRequest): Promise<RawResponse> {
  const url = new URL(target.endpoint);
  const headers: Record<string, string> = {
    'x-ots-apiversion': '2015-12-31',
    'x-ots-instancename': req.instanceName ?? target.instanceName,
    'x-ots-contentmd5': req.contentMd5 ?? md5Base64(req.signedBody ?? req.body),
    'x-ots-date': req.date ?? new Date().toISOString(),
    'x-ots-accesskeyid': req.accessKeyId ?? target.accessKeyId,
  };
  headers['x-ots-signature'] = req.signature ?? sign(req.secret ?? target.accessKeySecret, req.op, headers);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = transport.request(
      {
        host: url.hostname,
        port: url.port || undefined,
        method: req.method ?? 'POST',
        path: `/${req.op}`,
        headers: { ...headers, 'Content-Length': String(req.body.length), Host: url.hostname },
        agent: false,
        timeout: 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`raw ${req.op} timed out`)));
    r.on('error', reject);
    r.end(Buffer.from(req.body));
  });
}

/** Decodes a protobuf `Error{code, message}` body (throws if it is not one). */
export function decodeError(body: Uint8Array): { code: string; message: string } {
  const e = proto.main.proto.Error.decode(body);
  return { code: e.code, message: e.message };
}

export function encodeListTable(): Uint8Array {
  return proto.main.proto.ListTableRequest.encode({}).finish();
}

export function encodeDescribeTable(tableName: string): Uint8Array {
  return proto.main.proto.DescribeTableRequest.encode({ tableName }).finish();
}

export function decodeListTable(body: Uint8Array): string[] {
  return proto.main.proto.ListTableResponse.decode(body).tableNames;
}
