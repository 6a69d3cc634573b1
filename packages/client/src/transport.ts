/** One signed HTTP exchange with the gateway, and problem details turned into {@link ProblemError}. */
import { stringify } from 'node:querystring';
import { ProblemError, THROTTLED_MESSAGE, type ProblemCode } from './errors.js';
import { signRequest, type ChannelKeys, type SigningClock } from './signature.js';
import type { CallOptions, FieldProblem } from './types/common.js';

export interface TransportOptions extends ChannelKeys, SigningClock {
  /** The gateway: `http://127.0.0.1:8080`, or the real gateway's domain. */
  baseUrl: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

/** Query values; `undefined` leaves a key out, an array repeats it. */
export type QueryValues = Record<string, string | number | boolean | undefined | readonly (string | number)[]>;

export interface SendOptions extends CallOptions {
  query?: QueryValues;
  /** Sent as JSON. */
  body?: unknown;
  idempotencyKey?: string;
  /** Default true; the gateway's health, metrics and document need no signature. */
  signed?: boolean;
}

/** A whole response, whatever its status. */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** `X-Ca-Request-Id` (the gateway's), else `X-Request-Id`. */
  requestId: string | undefined;
}

/** The signed exchange behind every resource method. */
export interface Transport {
  /** Sends and returns the response whatever its status (the CLI prints refusals as they are). */
  send(method: string, pathAndQuery: string, options?: SendOptions): Promise<RawResponse>;
  /** Sends and returns the body of a 2xx; throws {@link ProblemError} for anything else. */
  call<T>(method: string, path: string, options?: SendOptions): Promise<T>;
}

/**
 * @example
 * const transport = createTransport({ baseUrl: 'http://127.0.0.1:8080', appKey, appSecret });
 * const member = await transport.call<Member>('GET', '/members/mem_01j9...');
 */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const keys: ChannelKeys = { appKey: options.appKey, appSecret: options.appSecret };

  async function send(method: string, pathAndQuery: string, call: SendOptions = {}): Promise<RawResponse> {
    const upper = method.toUpperCase();
    const mark = pathAndQuery.indexOf('?');
    const path = mark < 0 ? pathAndQuery : pathAndQuery.slice(0, mark);
    const rawQuery = [mark < 0 ? '' : pathAndQuery.slice(mark + 1), queryString(call.query)].filter(Boolean).join('&');
    const body = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), 'utf8');
    const headers: Record<string, string> = { accept: 'application/json', ...lowercase(call.headers) };
    if (body) headers['content-type'] = 'application/json; charset=utf-8';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    const sent = call.signed === false ? headers : signRequest(keys, { method: upper, path, rawQuery, headers, body }, options);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
    const response = await doFetch(`${base}${path}${rawQuery ? `?${rawQuery}` : ''}`, {
      method: upper,
      headers: sent,
      ...(body ? { body } : {}),
      signal: call.signal ? AbortSignal.any([call.signal, timeout]) : timeout,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: parseBody(text),
      requestId: response.headers.get('x-ca-request-id') ?? response.headers.get('x-request-id') ?? undefined,
    };
  }

  return {
    send,
    async call<T>(method: string, path: string, call?: SendOptions): Promise<T> {
      const response = await send(method, path, call);
      if (response.status >= 200 && response.status < 300) return response.body as T;
      throw problemOf(response);
    },
  };
}

/** The error for a refused response: its problem details, or what the status and gateway headers say. */
export function problemOf(response: RawResponse): ProblemError {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, unknown>;
  const gatewayMessage = response.headers.get('x-ca-error-message') ?? undefined;
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  const throttled = response.status === 429 || gatewayMessage === THROTTLED_MESSAGE;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback);
  return new ProblemError({
    status: response.status,
    code: (throttled ? 'throttled' : text(body.code, fallbackCode(response.status))) as ProblemCode,
    title: text(body.title, `HTTP ${response.status}`),
    detail: text(body.detail, gatewayMessage ?? (typeof response.body === 'string' ? response.body : `HTTP ${response.status}`)),
    type: text(body.type, 'about:blank'),
    errors: Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [],
    requestId: response.requestId,
    gatewayErrorCode: response.headers.get('x-ca-error-code') ?? undefined,
    gatewayMessage,
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
    body: response.body,
  });
}

function fallbackCode(status: number): string {
  if (status === 404) return 'not-found';
  if (status === 401) return 'signature-missing';
  if (status === 413) return 'payload-too-large';
  return `http-${status}`;
}

function queryString(query: QueryValues | undefined): string {
  if (!query) return '';
  const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<
    string,
    string | number | boolean | readonly (string | number)[]
  >;
  return stringify(defined);
}

function lowercase(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `/members/{id}` with the id encoded as one path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
