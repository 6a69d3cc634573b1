/**
 * The side of the gateway that talks to functions. The gateway only needs an {@link Upstream} per
 * function; {@link httpUpstream} proxies to a base URL with node:http. The FC instance emulation
 * (later) implements the same interface.
 */
import { Agent, request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { UpstreamTimeoutError, UpstreamUnavailableError } from './errors.js';

/** A request on its way to a function, already authenticated and cleaned by the gateway. */
export interface UpstreamRequest {
  method: string;
  /** Path and query exactly as the caller sent them (`/members?phone=138...`). */
  path: string;
  /** Headers to send: hop-by-hop and caller identity headers removed, `X-Retail-Channel` set. */
  headers: Record<string, string | string[]>;
  body: Buffer;
  requestId: string;
  /** Aborted when the caller goes away or the upstream timeout passes. */
  signal: AbortSignal;
}

/** A function's whole answer. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One function as the gateway sees it. */
export interface Upstream {
  /**
   * Runs the request. Throws {@link UpstreamUnavailableError} when the function cannot be reached
   * and {@link UpstreamTimeoutError} when it takes too long; the gateway answers 502 and 504.
   */
  forward(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Whether the function can take requests now (for `GET /_gateway/health`); resolves within `timeoutMs`. */
  check(timeoutMs: number): Promise<boolean>;
  /** Releases connections. */
  close?(): void | Promise<void>;
}

/** Options of {@link httpUpstream}. */
export interface HttpUpstreamOptions {
  /** How long connecting may take. Default 2000 ms. */
  connectTimeoutMs?: number;
  /** Largest response body accepted. Default 32 MiB. */
  maxResponseBytes?: number;
  /** A keep-alive agent to share; default one per upstream. */
  agent?: Agent;
}

/**
 * An upstream that proxies to a function's HTTP server (`http://127.0.0.1:9001`, optionally with a
 * base path), over keep-alive connections.
 *
 * @example
 * const member = httpUpstream('http://127.0.0.1:9001');
 * await startGateway({ upstreams: { member } });
 */
export function httpUpstream(baseUrl: string, options: HttpUpstreamOptions = {}): Upstream {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:') throw new UpstreamUnavailableError(`Only http:// upstreams are supported, got ${baseUrl}.`);
  const basePath = base.pathname.replace(/\/+$/, '');
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || 80);
  const ownAgent = options.agent === undefined;
  const agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  const connectTimeoutMs = options.connectTimeoutMs ?? 2000;
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;

  const once = (req: UpstreamRequest): Promise<{ response: UpstreamResponse } | { retry: true }> =>
    new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...req.headers, 'content-length': String(req.body.length) };
      let outgoing: ClientRequest;
      try {
        outgoing = httpRequest({ host, port, method: req.method, path: basePath + req.path, headers, agent, signal: req.signal });
      } catch (error) {
        reject(new UpstreamUnavailableError(`Cannot send to ${base.origin}: ${(error as Error).message}`, { cause: error }));
        return;
      }
      let connectTimer: NodeJS.Timeout | undefined;
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => socket.destroy(new Error(`connect timeout after ${connectTimeoutMs} ms`)),
          connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      outgoing.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(connectTimer);
        if (req.signal.aborted) {
          reject(abortError(req.signal, base.origin));
        } else if (outgoing.reusedSocket && error.code === 'ECONNRESET') {
          // A kept-alive socket the function closed meanwhile: the request never got there.
          resolve({ retry: true });
        } else {
          reject(new UpstreamUnavailableError(`${base.origin}: ${error.message}`, { cause: error }));
        }
      });
      outgoing.once('response', (incoming: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            incoming.destroy(new Error(`response larger than ${maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.once('error', (error) => {
          reject(
            req.signal.aborted
              ? abortError(req.signal, base.origin)
              : new UpstreamUnavailableError(`${base.origin}: ${error.message}`),
          );
        });
        incoming.once('end', () => {
          resolve({ response: { status: incoming.statusCode ?? 502, headers: incoming.headers, body: Buffer.concat(chunks) } });
        });
      });
      outgoing.end(req.body);
    });

  return {
    async forward(req) {
      const first = await once(req);
      if ('response' in first) return first.response;
      const second = await once(req);
      if ('response' in second) return second.response;
      throw new UpstreamUnavailableError(`${base.origin}: connection reset`);
    },
    check(timeoutMs) {
      return new Promise((resolve) => {
        const socket = connect({ host, port });
        const done = (ready: boolean) => {
          clearTimeout(timer);
          socket.destroy();
          resolve(ready);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        socket.once('connect', () => done(true));
        socket.once('error', () => done(false));
      });
    },
    close() {
      if (ownAgent) agent.destroy();
    },
  };
}

function abortError(signal: AbortSignal, origin: string): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof UpstreamTimeoutError) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new UpstreamTimeoutError(`${origin}: ${reason.message}`);
  return reason instanceof Error ? reason : new Error(`${origin}: request aborted`);
}
