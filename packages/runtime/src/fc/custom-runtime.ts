import { createServer, type Server } from 'node:http';
import { openApiJson } from '../openapi/document.js';
import type { FunctionEntry } from './define-function.js';
import { serveInvoke } from './invoke.js';

/**
 * The same app as an FC custom-runtime (web function) server on `FC_SERVER_PORT` (default 9000).
 * It builds the app before listening (the initializer's job), answers FC's `/initialize` and
 * `/pre-stop` control paths, runs scheduled jobs on `POST /invoke` (FC's event path, here
 * carrying timer events), and serves its metrics at `/_runtime/metrics` and its OpenAPI document at
 * `/_runtime/openapi.json` for the local gateway.
 *
 * @example
 * await startCustomRuntime(entry, { port: Number(process.env.FC_SERVER_PORT ?? 9000) });
 */
export async function startCustomRuntime(entry: FunctionEntry, options: { port: number; host?: string }): Promise<Server> {
  const parts = await entry.parts();
  const { app } = parts;
  const server = createServer((req, res) => {
    if (req.url === '/invoke' && req.method === 'POST') {
      serveInvoke(parts, req, res);
      return;
    }
    if (req.url === '/initialize' && req.method === 'POST') {
      res.writeHead(200).end();
      return;
    }
    if (req.url === '/pre-stop') {
      app.logger.flush();
      res.writeHead(200).end();
      return;
    }
    if (req.url === '/_runtime/openapi.json' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(openApiJson(app));
      return;
    }
    if (req.url === '/_runtime/metrics' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(app.metrics.render());
      return;
    }
    app.listener(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const stop = () => server.close(() => app.logger.flush());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return server;
}
