import { describe, expect, it } from 'vitest';
import { createApp, createLogger, type RuntimeRequest } from '../src/index.js';
import { LineBuffer, type LineTarget } from '../src/observability/line-buffer.js';
import { ThingsController } from './fixtures.js';

const get = (path: string, headers: Record<string, string> = {}): RuntimeRequest => ({ method: 'GET', path, query: '', headers });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function recorder(): LineTarget & { chunks: string[]; flushes: number } {
  return {
    chunks: [],
    flushes: 0,
    write(chunk: string) {
      this.chunks.push(chunk);
    },
    flush(callback?: (error?: Error) => void) {
      this.flushes++;
      callback?.();
    },
    flushSync() {
      this.flushes++;
    },
  };
}

describe('access lines', () => {
  it('have the fixed shape, in this order, with the request id, route, status, latency, channel and cold start', async () => {
    const written: string[] = [];
    const logger = createLogger({ functionName: 'things', destination: { write: (line: string) => written.push(line) } });
    const app = createApp({ name: 'things', controllers: [new ThingsController()], logger });
    await app.handle(get('/things/a', { 'x-ca-request-id': 'req-a', 'x-retail-channel': 'we"chat' }));
    await app.handle(get('/nowhere', { 'x-ca-request-id': 'req-b' }));
    await app.handle(get('/things/b', { 'x-ca-request-id': 'bad id with spaces' }));
    const [first, second, third] = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written.every((line) => line.endsWith('}\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    expect(Object.keys(first!)).toEqual([
      'level',
      'time',
      'function',
      'requestId',
      'method',
      'route',
      'status',
      'latencyMs',
      'channel',
      'coldStart',
      'msg',
    ]);
    expect(first).toMatchObject({ level: 'info', function: 'things', requestId: 'req-a', method: 'GET', route: '/things/:id' });
    expect(first).toMatchObject({ status: 200, channel: 'we"chat', msg: 'request' });
    expect(typeof first!.time).toBe('number');
    expect(typeof first!.latencyMs).toBe('number');
    expect(typeof first!.coldStart).toBe('boolean');
    expect(second).toMatchObject({ requestId: 'req-b', route: 'unmatched', status: 404, coldStart: false });
    expect(second).not.toHaveProperty('channel');
    expect(third!.requestId).toMatch(/^[0-9a-f-]{36}$/); // an unsafe id is replaced, never logged
  });
});

describe('metrics', () => {
  it('show a route once it is called, with cumulative latency buckets', async () => {
    const app = createApp({
      name: 'things',
      controllers: [new ThingsController()],
      logger: createLogger({ functionName: 'things', level: 'silent' }),
    });
    expect(app.metrics.render()).not.toContain('route="GET /things/:id"');
    await app.handle(get('/things/a'));
    await app.handle(get('/things/boom'));
    await app.handle(get('/nowhere'));
    const text = app.metrics.render();
    const route = 'function="things",route="GET /things/:id"';
    expect(text).toContain(`retail_function_requests_total{${route},status="200"} 1`);
    expect(text).toContain(`retail_function_requests_total{${route},status="500"} 1`);
    expect(text).toContain(`retail_function_errors_total{${route}} 1`);
    expect(text).toContain(`retail_function_request_duration_seconds_bucket{${route},le="10"} 2`);
    expect(text).toContain(`retail_function_request_duration_seconds_bucket{${route},le="+Inf"} 2`);
    expect(text).toContain(`retail_function_request_duration_seconds_count{${route}} 2`);
    expect(text).toContain('retail_function_requests_total{function="things",route="GET unmatched",status="404"} 1');
    const buckets = [...text.matchAll(/_bucket\{function="things",route="GET \/things\/:id",le="[^"]+"\} (\d+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });
});

describe('LineBuffer', () => {
  it('hands the lines of a turn to its target together, in order, within the turn', async () => {
    const target = recorder();
    const buffer = new LineBuffer(target);
    buffer.write('a\n');
    buffer.write('b\n');
    expect(target.chunks).toEqual([]);
    await nextTurn();
    expect(target.chunks).toEqual(['a\nb\n']);
  });

  it('hands a chunk on at once when it reaches its length, and on flush', async () => {
    const target = recorder();
    const buffer = new LineBuffer(target, 8);
    buffer.write('12345\n');
    buffer.write('67890\n');
    expect(target.chunks).toEqual(['12345\n67890\n']);
    buffer.write('x\n');
    buffer.flush();
    expect([target.chunks, target.flushes]).toEqual([['12345\n67890\n', 'x\n'], 1]);
    buffer.write('y\n');
    buffer.flushSync();
    expect([target.chunks.at(-1), target.flushes]).toEqual(['y\n', 2]);
    await nextTurn();
    expect(target.chunks).toHaveLength(3);
  });
});
