import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, defineFunction, startCustomRuntime, type JobContext } from '../src/index.js';
import { ThingsController } from './fixtures.js';

const lines: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
const runs: JobContext[] = [];
const entry = defineFunction(() => ({
  app: createApp({ name: 'things', controllers: [new ThingsController()], logger }),
  jobs: {
    'expire-things': async (ctx) => {
      runs.push(ctx);
      return { expired: 3 };
    },
    'broken-job': () => Promise.reject(new Error('storage down')),
  },
}));

/** A timer-trigger event as FC 3.0 hands it to the handler (a Buffer of JSON). */
const timerEvent = (payload: string) =>
  Buffer.from(JSON.stringify({ triggerTime: '2026-11-11T00:01:00Z', triggerName: 'every-minute', payload }));

describe('timer triggers through the FC handler', () => {
  it('run the job the payload names, with FC’s request id in its log line', async () => {
    const outcome = await entry.handler(timerEvent('{"job":"expire-things"}'), { requestId: 'fc-timer-1' });
    expect(outcome).toEqual({ job: 'expire-things', ok: true, result: { expired: 3 } });
    expect(runs.at(-1)).toMatchObject({ requestId: 'fc-timer-1', triggerTime: '2026-11-11T00:01:00Z' });
    expect(lines.at(-1)).toMatchObject({ requestId: 'fc-timer-1', job: 'expire-things', msg: 'job done' });
  });

  it('report an unknown job and a failed job as failures, the stack in the log only', async () => {
    expect(await entry.handler(timerEvent('{"job":"nope"}'))).toMatchObject({ job: 'nope', ok: false });
    const failed = await entry.handler(timerEvent('{"job":"broken-job"}'), { requestId: 'fc-timer-2' });
    expect(failed).toEqual({ job: 'broken-job', ok: false, error: expect.any(String) });
    expect(JSON.stringify(failed)).not.toContain('storage down');
    const logged = lines.find((l) => l.requestId === 'fc-timer-2');
    expect(logged).toMatchObject({ level: 50, msg: 'job failed' });
    expect(JSON.stringify(logged)).toContain('storage down');
  });

  it('fall back to the trigger name when the payload names no job', async () => {
    const outcome = await entry.handler(
      Buffer.from(JSON.stringify({ triggerTime: '2026-11-11T00:02:00Z', triggerName: 'expire-things', payload: 'tick' })),
    );
    expect(outcome).toMatchObject({ job: 'expire-things', ok: true });
  });
});

describe('timer triggers through the custom runtime', () => {
  let close: () => void = () => {};
  afterAll(() => close());

  it('POST /invoke runs the job: 200 with its outcome, or a failure status with x-fc-status', async () => {
    const server = await startCustomRuntime(entry, { port: 0, host: '127.0.0.1' });
    close = () => server.close();
    const { port } = server.address() as AddressInfo;
    const invoke = (body: string) =>
      new Promise<{ status: number; fcStatus: unknown; body: unknown }>((resolve, reject) => {
        const req = httpRequest(
          {
            port,
            method: 'POST',
            path: '/invoke',
            headers: { 'content-type': 'application/octet-stream', 'x-fc-request-id': 'inv-1' },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, fcStatus: res.headers['x-fc-status'], body: JSON.parse(text) }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const ok = await invoke(JSON.stringify({ triggerTime: 't', triggerName: 'x', payload: '{"job":"expire-things"}' }));
    expect(ok).toEqual({ status: 200, fcStatus: undefined, body: { job: 'expire-things', ok: true, result: { expired: 3 } } });
    expect(runs.at(-1)?.requestId).toBe('inv-1');
    const failed = await invoke(JSON.stringify({ triggerTime: 't', triggerName: 'x', payload: '{"job":"broken-job"}' }));
    expect([failed.status, failed.fcStatus]).toEqual([500, '404']);
    const notAnEvent = await invoke('{"hello":1}');
    expect([notAnEvent.status, notAnEvent.fcStatus]).toEqual([400, '404']);
  });
});
