/**
 * The child-process side of a benchmark server: listens on a free port, tells the parent which
 * one over IPC, answers `stats` requests, and exits on `stop`.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMessage = { type: 'listening'; port: number } | { type: 'stats'; stats: Record<string, unknown> };
export type ParentMessage = { type: 'stats' } | { type: 'stop' };

export function serve(listener: RequestListener, stats: () => Record<string, unknown> = () => ({})): void {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    send({ type: 'listening', port });
  });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') send({ type: 'stats', stats: stats() });
    // Exit through 'beforeExit'-free paths is fine: the logs go nowhere anyone reads.
    if (message.type === 'stop') server.close(() => process.exit(0)).closeAllConnections();
  });
  process.on('disconnect', () => process.exit(0));
}

function send(message: ServerMessage): void {
  process.send!(message);
}
