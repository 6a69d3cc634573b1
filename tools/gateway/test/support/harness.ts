/** A gateway with the dev channel apps in front of one echo server per function, and signed callers. */
import { stringify } from 'node:querystring';
import { parse } from 'node:url';
import { Client, type ClientError } from 'aliyun-api-gateway';
import { devChannels, startGateway, type Gateway, type GatewayOptions } from '../../src/index.js';
import { startEcho, type EchoServer } from './echo.js';

export const DEV = devChannels();
export const FUNCTIONS = ['member', 'stores', 'coupons', 'trading'] as const;

/** The official client, signing as a dev channel app. */
export function clientFor(channel: string, secret?: string): Client {
  const app = DEV[channel];
  if (!app) throw new Error(`no dev channel ${channel}`);
  return new Client(app.appKey, secret ?? app.appSecret);
}

export interface Harness {
  gateway: Gateway;
  echoes: Record<(typeof FUNCTIONS)[number], EchoServer>;
  /** Log lines the gateway wrote. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts echo upstreams for every function and a gateway in front of them. */
export async function startHarness(options: GatewayOptions = {}): Promise<Harness> {
  const echoes = Object.fromEntries(
    await Promise.all(FUNCTIONS.map(async (name) => [name, await startEcho(name)] as const)),
  ) as Harness['echoes'];
  const logs: Array<Record<string, unknown>> = [];
  const gateway = await startGateway({
    port: 0,
    channels: DEV,
    upstreams: Object.fromEntries(FUNCTIONS.map((name) => [name, echoes[name].url])),
    log: (line) => logs.push(line),
    ...options,
  });
  return {
    gateway,
    echoes,
    logs,
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(echoes).map((echo) => echo.stop()));
    },
  };
}

/** What a refused client call says: the status and the response headers. */
export async function refusedCall(
  call: Promise<unknown>,
): Promise<{ status: number; headers: Record<string, string | undefined> }> {
  try {
    await call;
  } catch (error) {
    const refused = error as ClientError;
    if (typeof refused.code === 'number') return { status: refused.code, headers: refused.data.headers };
    throw error;
  }
  throw new Error('the call succeeded');
}

export interface SignedFetchOptions {
  method?: string;
  data?: Record<string, unknown> | string;
  headers?: Record<string, string | number>;
  form?: boolean;
  secret?: string;
  /** Headers to sign besides the `x-ca-*` ones (the client's `signHeaders`). */
  signHeaders?: Record<string, string>;
}

/** A signed request, not sent yet: send it with {@link send}, or change it first to tamper with it. */
export interface SignedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * A request signed by the official client's own methods (buildHeaders, md5, getSignHeaderKeys,
 * buildStringToSign, sign) in the order its `request` uses them.
 *
 * @example
 * const request = signRequest(`${gateway.url}/members/m1`, 'pos');
 * await send(request); // 200
 * await send(request); // the same bytes again: 400 nonce-used
 */
export function signRequest(url: string, channel: string, options: SignedFetchOptions = {}): SignedRequest {
  const client = clientFor(channel, options.secret);
  const method = options.method ?? 'GET';
  const given = Object.fromEntries(Object.entries(options.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  let body: string | undefined;
  if (method === 'POST' || method === 'PUT') {
    given['content-type'] ??= options.form ? 'application/x-www-form-urlencoded' : 'application/json';
    body = options.form
      ? stringify(options.data as Record<string, string>)
      : typeof options.data === 'string'
        ? options.data
        : JSON.stringify(options.data ?? {});
  }
  const signHeaders = Object.fromEntries(
    Object.entries(options.signHeaders ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
  );
  const headers = client.buildHeaders(given, signHeaders);
  if (method === 'POST' && !options.form) headers['content-md5'] = client.md5(body ?? '');
  const keys = client.getSignHeaderKeys(headers, signHeaders);
  headers['x-ca-signature-headers'] = keys.join(',');
  const stringToSign = client.buildStringToSign(
    method,
    headers,
    client.getSignedHeadersString(keys, headers),
    parse(url, true),
    options.form ? options.data : undefined,
  );
  headers['x-ca-signature'] = client.sign(stringToSign);
  return {
    url,
    method,
    headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, String(value)])),
    body,
  };
}

/** Sends a signed request with fetch, so that the response's status, headers and body can all be read. */
export function send(request: SignedRequest): Promise<Response> {
  return fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
}

/** {@link signRequest}, then {@link send}. */
export function signedFetch(url: string, channel: string, options: SignedFetchOptions = {}): Promise<Response> {
  return send(signRequest(url, channel, options));
}
