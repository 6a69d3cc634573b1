import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionParts } from './define-function.js';
import { isTimerEvent, runJob } from './jobs.js';

const MAX_EVENT_BYTES = 128 * 1024;

/**
 * FC's event path of a custom runtime (`POST /invoke`), used here for timer triggers: the body is
 * the timer event, the answer the job's outcome; a failure is a non-2xx status with
 * `x-fc-status: 404`, as FC expects of a failed event invocation.
 */
export function serveInvoke(parts: FunctionParts, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_EVENT_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    void answer(parts, req, res, size > MAX_EVENT_BYTES ? undefined : Buffer.concat(chunks));
  });
}

async function answer(parts: FunctionParts, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Promise<void> {
  let event: unknown;
  try {
    event = body ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    event = undefined;
  }
  if (!isTimerEvent(event)) {
    send(res, 400, { ok: false, error: 'POST /invoke takes an FC timer event: { triggerName, triggerTime, payload }' });
    return;
  }
  const requestId = typeof req.headers['x-fc-request-id'] === 'string' ? req.headers['x-fc-request-id'] : undefined;
  const outcome = await runJob(parts.jobs ?? {}, event, parts.app.logger, requestId);
  send(res, outcome.ok ? 200 : 500, outcome);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(status >= 300 ? { 'x-fc-status': '404' } : {}),
  });
  res.end(text);
}
