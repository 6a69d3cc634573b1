/** What crosses the gateway in each direction, header by header. */
import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 connection-specific headers, plus what only one hop understands. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
]);

/** The gateway's own namespace on the way in: only the gateway says who called and which request this is. */
function isIdentityHeader(name: string): boolean {
  return (
    name.startsWith('x-ca-') ||
    name.startsWith('x-retail-') ||
    name.startsWith('x-forwarded-') ||
    name === 'forwarded' ||
    name === 'x-request-id' ||
    name === 'x-real-ip'
  );
}

/** What the gateway tells the function. */
export interface ForwardContext {
  channel: string;
  requestId: string;
  /** The caller's address, for `X-Forwarded-For`. */
  remoteAddress: string | undefined;
  /** The `Host` the caller used, for `X-Forwarded-Host`. */
  host: string | undefined;
}

/**
 * The headers sent to a function: the caller's minus hop-by-hop and identity headers, plus
 * `X-Retail-Channel`, `X-Ca-Request-Id`, `X-Request-Id` and `X-Forwarded-*`.
 *
 * @example
 * upstreamHeaders(req.headers, { channel: 'pos', requestId, remoteAddress: '127.0.0.1', host: 'localhost:8080' })
 */
export function upstreamHeaders(headers: IncomingHttpHeaders, context: ForwardContext): Record<string, string | string[]> {
  const dropped = connectionListed(headers.connection);
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || dropped.has(name) || isIdentityHeader(name)) continue;
    result[name] = value;
  }
  result['x-retail-channel'] = context.channel;
  result['x-ca-request-id'] = context.requestId;
  result['x-request-id'] = context.requestId;
  if (context.remoteAddress) result['x-forwarded-for'] = context.remoteAddress;
  if (context.host) result['x-forwarded-host'] = context.host;
  result['x-forwarded-proto'] = 'http';
  return result;
}

/** Headers the gateway sets on every answer and never takes from a function. */
const GATEWAY_RESPONSE_HEADERS = new Set(['x-ca-request-id', 'x-request-id', 'x-ca-error-code', 'x-ca-error-message']);

/** A function's response headers as passed on: without hop-by-hop headers and the gateway's own. */
export function downstreamHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const dropped = connectionListed(headers.connection);
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || dropped.has(lower) || GATEWAY_RESPONSE_HEADERS.has(lower)) continue;
    result[lower] = value;
  }
  return result;
}

function connectionListed(connection: string | string[] | undefined): Set<string> {
  const value = Array.isArray(connection) ? connection.join(',') : (connection ?? '');
  return new Set(
    value
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
}
