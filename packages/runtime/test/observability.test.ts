import { describe, expect, it } from 'vitest';
import { createApp, createLogger, type RuntimeRequest } from '../src/index.js';
import { writeMilliseconds } from '../src/observability/access-log.js';
import { LineBuffer, type LineTarget } from '../src/observability/line-buffer.js';
import { ThingsController } from './fixtures.js';

const get = (path: string, headers: Record<string, string> = {}): RuntimeRequest => ({ method: 'GET', path, query: '', headers });
function recorder(): LineTarget & { chunks: string[]; drains: number } {
  return {
    chunks: [],
    drains: 0,
    write(chunk: Uint8Array) {
      this.chunks.push(Buffer.from(chunk).toString('utf8'));
    },
    whenDrained(callback: () => void) {
      this.drains++;
      callback();
    },
    drainSync() {
      this.drains++;
    },
  };
}

describe('access lines', () => {
  // The default destination (bytes written in place) and any other pino destination (strings) alike.
  const destinations = {
    'a LineBuffer': (written: string[]) => {
      const target = recorder();
      const buffer = new LineBuffer(target, 256);
      return {
        destination: buffer,
        collect: () => {
          buffer.flushSync();
          written.push(...target.chunks.join('').split(/(?<=\n)/));
        },
      };
    },
    'another stream': (written: string[]) => ({
      destination: { write: (line: string) => written.push(line) },
      collect: () => {},
    }),
  };

  it.each(Object.keys(destinations))(
    'have the fixed shape, in this order, with the request id, route, status, latency, channel and cold start (%s)',
    async (kind) => {
      const written: string[] = [];
      const { destination, collect } = destinations[kind as keyof typeof destinations](written);
      const logger = createLogger({ functionName: 'things', destination });
      const app = createApp({ name: 'things', controllers: [new ThingsController()], logger });
      await app.handle(get('/things/a', { 'x-ca-request-id': 'req-a', 'x-retail-channel': 'we"chät' }));
      await app.handle(get('/nowhere', { 'x-ca-request-id': 'req-b' }));
      await app.handle(get('/things/b', { 'x-ca-request-id': 'bad id with spaces' }));
      collect();
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
      expect(first).toMatchObject({ status: 200, channel: 'we"chät', msg: 'request' });
      expect(typeof first!.time).toBe('number');
      expect(typeof first!.latencyMs).toBe('number');
      expect(typeof first!.coldStart).toBe('boolean');
      expect(second).toMatchObject({ requestId: 'req-b', route: 'unmatched', status: 404, coldStart: false });
      expect(second).not.toHaveProperty('channel');
      expect(third!.requestId).toMatch(/^[0-9a-f-]{36}$/); // an unsafe id is replaced, never logged
    },
  );
});

describe('latency in access lines', () => {
  it('reads exactly as Math.round(seconds * 1e5) / 100 would print it', () => {
    const samples = [0, 0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.0123456, 1.5, 12.345678, 3600.004999];
    for (let i = 0; i < 20_000; i++) samples.push(i / 1e5, Math.random() * 10 ** ((i % 7) - 4));
    const target = Buffer.alloc(32);
    for (const seconds of samples) {
      const end = writeMilliseconds(target, 3, seconds);
      expect(target.toString('latin1', 3, end)).toBe(String(Math.round(seconds * 1e5) / 100));
    }
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
  it('holds lines until the next does not fit, then hands them on together, in order', () => {
    const target = recorder();
    const buffer = new LineBuffer(target, 16);
    buffer.write('abcd\n');
    buffer.write('b\n');
    expect(target.chunks).toEqual([]);
    buffer.write('cde\n'); // may take 12 bytes in UTF-8, 9 are free: the 7 waiting ones go first
    expect(target.chunks).toEqual(['abcd\nb\n']);
    buffer.write('é\n');
    buffer.flushSync();
    expect(target.chunks).toEqual(['abcd\nb\n', 'cde\né\n']);
  });

  it('sends a line longer than the whole buffer on its own, after what waited', () => {
    const target = recorder();
    const buffer = new LineBuffer(target, 16);
    buffer.write('a\n');
    buffer.write(`${'x'.repeat(20)}\n`);
    buffer.write('b\n');
    buffer.flushSync();
    expect(target.chunks).toEqual(['a\n', `${'x'.repeat(20)}\n`, 'b\n']);
  });

  it('hands on the rest on flush (with its callback once it is out) and on flushSync', () => {
    const target = recorder();
    const buffer = new LineBuffer(target);
    let flushed = false;
    buffer.write('x\n');
    buffer.flush(() => (flushed = true));
    expect([target.chunks, flushed]).toEqual([['x\n'], true]);
    buffer.write('y\n');
    buffer.flushSync();
    expect([target.chunks.at(-1), target.drains]).toEqual(['y\n', 2]);
    buffer.flush();
    expect(target.chunks).toHaveLength(2); // nothing waiting: nothing written
  });
});
