// A network fault between the SDK and ots-local: forwards requests, but can lose the response
// of an applied request (the ambiguous case) or never answer (a timeout). Storage stays real.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'pass' | 'drop-response' | 'hang';

export interface FaultyProxy {
  readonly endpoint: string;
  /** Requests seen, by operation (`PutRow`, ...). */
  readonly seen: Map<string, number>;
  stop(): Promise<void>;
}

/** `decide(operation, nth)` picks the fault for the nth (1-based) request of that operation. */
export async function startFaultyProxy(
  upstream: string,
  decide: (operation: string, nth: number) => Fault,
): Promise<FaultyProxy> {
  const target = new URL(upstream);
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const op = (req.url ?? '/').slice(1);
    const nth = (seen.get(op) ?? 0) + 1;
    seen.set(op, nth);
    const fault = decide(op, nth);
    if (fault === 'hang') return;
    const up = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          if (fault === 'drop-response') {
            req.socket.destroy(); // applied upstream, but the client never hears of it
            return;
          }
          res.writeHead(upRes.statusCode ?? 500, upRes.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    up.on('error', () => req.socket.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
