/**
 * A gate between a function and ots-local: it passes Tablestore calls through, or holds those of
 * one operation until released. Holding the storage call keeps a request in flight on its
 * instance for as long as a test needs (to fill instances, to kill one under load) without any
 * sleep in the function or in the test. Storage stays real: a released call goes to ots-local.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StorageGate {
  /** The endpoint to give the function (`OTS_ENDPOINT`). */
  endpoint: string;
  /** From now on, calls of `operation` (`GetRow`, `PutRow`...) wait until {@link release}. */
  hold(operation: string): void;
  /** Calls waiting now (a call whose caller went away, such as a killed instance, no longer counts). */
  held(): number;
  /** Lets every waiting call through and stops holding. */
  release(): void;
  stop(): Promise<void>;
}

/**
 * Starts a gate in front of `upstream` (ots-local's endpoint).
 *
 * @example
 * const gate = await startStorageGate(ots.endpoint);
 * gate.hold('GetRow'); // GET /members/{id} now waits inside the function
 * gate.release();
 */
export async function startStorageGate(upstream: string): Promise<StorageGate> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  let holding: string | undefined;
  const waiting: Array<{ req: IncomingMessage; pass: () => void }> = [];

  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (req.socket.destroyed) return;
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => req.socket.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (holding !== undefined && req.url === `/${holding}`) waiting.push({ req, pass: () => pass(req, res, body) });
      else pass(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    hold(operation) {
      holding = operation;
    },
    held: () => waiting.filter((call) => !call.req.socket.destroyed).length,
    release() {
      holding = undefined;
      for (const call of waiting.splice(0)) call.pass();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        holding = undefined;
        waiting.splice(0);
        for (const socket of sockets) socket.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
