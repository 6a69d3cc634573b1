import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { functionLine, LogStore, type LogLine } from '../src/index.js';

const T0 = Date.parse('2026-11-11T00:00:00Z');
let dir: string;
let store: LogStore | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'observe-logs-'));
});
afterEach(async () => {
  store?.close();
  store = undefined;
  await rm(dir, { recursive: true, force: true });
});

function access(i: number, fields: Partial<LogLine> = {}): LogLine {
  return {
    level: 'info',
    time: T0 + i * 1000,
    source: 'function',
    function: i % 2 === 0 ? 'member' : 'trading',
    requestId: `req-${i}`,
    method: 'GET',
    route: i % 2 === 0 ? '/members/:id' : '/orders/:id',
    status: i % 10 === 9 ? 503 : 200,
    latencyMs: i,
    channel: i % 3 === 0 ? 'pos' : 'wechat',
    coldStart: false,
    msg: 'request',
    ...fields,
  };
}

describe('the log store', () => {
  it('finds lines by request id, function, status class, latency, channel, route, free text and time, newest first', async () => {
    store = new LogStore({ dir });
    for (let i = 0; i < 40; i++) store.append(access(i));
    store.append({
      level: 'error',
      time: T0 + 39_500,
      source: 'function',
      function: 'trading',
      requestId: 'req-39',
      err: { stack: 'Error: boom\n    at pay (trading.js:1:1)' },
      msg: 'unhandled error',
    });

    const byId = await store.query({ requestId: 'req-39' });
    expect(byId.items.map((line) => line.msg)).toEqual(['unhandled error', 'request']);

    const failing = await store.query({ function: 'trading', status: { min: 500, max: 599, errorLines: true } });
    expect(failing.items.map((line) => [line.requestId, line.status ?? 'err'])).toEqual([
      ['req-39', 'err'],
      ['req-39', 503],
      ['req-29', 503],
      ['req-19', 503],
      ['req-9', 503],
    ]);
    expect((await store.query({ status: { min: 503, max: 503, errorLines: false } })).items).toHaveLength(4);
    expect((await store.query({ minLatencyMs: 37 })).items.map((line) => line.requestId)).toEqual(['req-39', 'req-38', 'req-37']);
    expect(
      (await store.query({ channel: 'pos', function: 'member' })).items.every(
        (line) => Number(String(line.requestId).slice(4)) % 6 === 0,
      ),
    ).toBe(true);
    expect((await store.query({ route: '/orders' })).items).toHaveLength(20);
    expect((await store.query({ q: 'TRADING.JS' })).items.map((line) => line.msg)).toEqual(['unhandled error']);
    const window = await store.query({ since: T0 + 10_000, until: T0 + 12_000 });
    expect(window.items.map((line) => line.requestId)).toEqual(['req-12', 'req-11', 'req-10']);
  });

  it('pages with a cursor until nextCursor is null', async () => {
    store = new LogStore({ dir, maxBytes: 64 * 1024, segmentBytes: 1024 });
    for (let i = 0; i < 50; i++) store.append(access(i));
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((line) => line.requestId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => `req-${49 - i}`));
  });

  it('stays within its size bound: the oldest segment file goes, and its lines with it', async () => {
    store = new LogStore({ dir, maxBytes: 8 * 1024, segmentBytes: 2 * 1024 });
    for (let i = 0; i < 200; i++) store.append(access(i, { msg: 'x'.repeat(100) }));
    store.flush();
    const files = (await readdir(dir)).filter((name) => name.startsWith('segment-')).sort();
    expect(store.stats().bytes).toBeLessThanOrEqual(8 * 1024);
    expect(files.length).toBeLessThanOrEqual(5);
    expect(files[0]).not.toMatch(/^segment-00000001-/);
    const all = await store.query({ limit: 1000 });
    expect(all.items[0]!.requestId).toBe('req-199');
    expect(all.items.length).toBeLessThan(200);
    expect(await store.query({ requestId: 'req-0' })).toEqual({ items: [], nextCursor: null });
  });

  it('opens again on its directory with every line it had, the time ranges read from the file names', async () => {
    store = new LogStore({ dir, maxBytes: 64 * 1024, segmentBytes: 2 * 1024 });
    for (let i = 0; i < 60; i++) store.append(access(i));
    store.close();
    store = new LogStore({ dir, maxBytes: 64 * 1024, segmentBytes: 2 * 1024 });
    store.append(access(60));
    const page = await store.query({ since: T0 + 58_000 });
    expect(page.items.map((line) => line.requestId)).toEqual(['req-60', 'req-59', 'req-58']);
    expect((await store.query({ limit: 1000 })).items).toHaveLength(61);
    const failed = await store.query({ status: { min: 500, max: 599, errorLines: true } });
    expect(failed.items.map((line) => line.requestId)).toEqual(['req-59', 'req-49', 'req-39', 'req-29', 'req-19', 'req-9']);
    expect((await store.query({ status: { min: 300, max: 399, errorLines: false } })).items).toEqual([]);
  });

  it('keeps lines in memory, within the same bound, without a directory', async () => {
    store = new LogStore({ maxBytes: 4096, segmentBytes: 1024 });
    for (let i = 0; i < 100; i++) store.append(access(i));
    expect(store.stats().bytes).toBeLessThanOrEqual(4096);
    expect((await store.query({ requestId: 'req-99' })).items).toHaveLength(1);
    expect((await store.query({ requestId: 'req-1' })).items).toHaveLength(0);
  });
});

describe('lines from function instances', () => {
  it("keeps the runtime's pino lines as written, with source and instance in front, and wraps other output", async () => {
    const store = new LogStore();
    const line =
      '{"level":"info","time":1794268800123,"function":"member","requestId":"r1","status":200,"latencyMs":1.5,"msg":"request"}';
    store.append(functionLine({ function: 'member', instance: 'member-2', stream: 'stdout', line }, T0));
    store.append(
      functionLine({ function: 'member', instance: 'member-2', stream: 'stdout', line: '{"level":"warn","time":5}' }, T0),
    );
    store.append(
      functionLine(
        { function: 'member', instance: 'member-2', stream: 'stderr', line: 'TypeError: x is not a function' },
        T0 + 1,
      ),
    );
    store.append(functionLine({ function: 'member', instance: 'member-2', stream: 'stdout', line: '{"custom":true}' }, T0 + 2));
    const warning = functionLine(
      {
        function: 'member',
        instance: 'member-2',
        stream: 'stderr',
        line: '(node:42) [DEP0005] DeprecationWarning: Buffer() is deprecated',
      },
      T0,
    );
    expect(warning).toMatchObject({ level: 'warn', msg: expect.stringContaining('DEP0005') });
    const { items } = await store.query({ function: 'member' });
    expect(items).toEqual([
      { time: T0 + 2, custom: true, function: 'member', source: 'function', instance: 'member-2' },
      {
        time: T0 + 1,
        level: 'error',
        source: 'function',
        function: 'member',
        instance: 'member-2',
        stream: 'stderr',
        msg: 'TypeError: x is not a function',
      },
      {
        source: 'function',
        instance: 'member-2',
        level: 'info',
        time: 1794268800123,
        function: 'member',
        requestId: 'r1',
        status: 200,
        latencyMs: 1.5,
        msg: 'request',
      },
      { source: 'function', instance: 'member-2', function: 'member', level: 'warn', time: 5 },
    ]);
    store.close();
  });
});
