import { contentMd5, sign, stringToSign, type ChannelApp } from '@retail/gateway';
import { randomUUID } from 'node:crypto';

export interface SignedResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * One request signed as Alibaba Cloud API Gateway expects (HmacSHA256 over the method, the
 * content headers, the `x-ca-*` headers and the path with sorted query), with a JSON body.
 *
 * @example
 * await signedFetch('http://127.0.0.1:8080', devChannels().wechat, 'GET', '/members?phone=13800000001');
 */
export async function signedFetch(
  baseUrl: string,
  app: Pick<ChannelApp, 'appKey' | 'appSecret'>,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<SignedResponse> {
  const [path = '/', rawQuery = ''] = pathAndQuery.split(/\?(.*)/s);
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-ca-key': app.appKey,
    'x-ca-timestamp': String(Date.now()),
    'x-ca-nonce': randomUUID(),
    'x-ca-signature-method': 'HmacSHA256',
    'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp',
  };
  if (payload.length > 0) {
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-md5'] = contentMd5(payload);
  }
  headers['x-ca-signature'] = sign(app.appSecret, stringToSign({ method, path, rawQuery, headers, body: payload }));
  const response = await fetch(baseUrl + pathAndQuery, { method, headers, ...(payload.length > 0 ? { body: payload } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
