/** A function stand-in: a node:http server that answers with what it received. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the echo server saw, as it answers it. */
export interface Echo {
  function: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The gateway's side of the connection: the same port means a kept-alive connection was reused. */
  remotePort: number | undefined;
}

export interface EchoServer {
  url: string;
  /** Every request received so far. */
  received: Echo[];
  /** Closes the connections the gateway keeps alive (as a function restarting would). */
  closeIdle(): void;
  stop(): Promise<void>;
}

/**
 * Starts an echo upstream. Special paths: `.../status/{code}` answers that status with extra
 * headers (`x-custom`, and gateway-owned ones that must not pass); `.../slow` answers after 2 s.
 */
export async function startEcho(name: string): Promise<EchoServer> {
  const received: Echo[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echo: Echo = {
        function: name,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort,
      };
      received.push(echo);
      const status = /\/status\/(\d{3})$/.exec(echo.url.split('?')[0]!);
      if (status) {
        res.writeHead(Number(status[1]), {
          'content-type': 'application/json',
          'x-custom': 'yes',
          'x-ca-error-code': 'FAKE',
          'x-request-id': 'from-function',
        });
        res.end(JSON.stringify({ code: 'from-function' }));
        return;
      }
      const delay = echo.url.endsWith('/slow') ? 2000 : 0;
      setTimeout(() => {
        if (res.destroyed) return;
        const text = JSON.stringify(echo);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    closeIdle: () => server.closeIdleConnections(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
