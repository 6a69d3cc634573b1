/** A local webhook endpoint for tests: records what it is posted, and can refuse the first few posts. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  /** Answers the next `count` posts with 503 (they are not recorded). */
  refuse(count: number): void;
  /** Resolves once `count` bodies have arrived. */
  received(count: number, timeoutMs?: number): Promise<unknown[]>;
  stop(): Promise<void>;
}

/**
 * @example
 * const receiver = await startWebhookReceiver();
 * await receiver.received(1);
 */
export async function startWebhookReceiver(answer: unknown = { errcode: 0, errmsg: 'ok' }): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  let refusals = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (refusals > 0) {
        refusals--;
        res.writeHead(503).end();
        return;
      }
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook?access_token=secret-token`,
    bodies,
    refuse: (count) => (refusals = count),
    async received(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (bodies.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${bodies.length} of ${count} webhook posts arrived`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return bodies;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
