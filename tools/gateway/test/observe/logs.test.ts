/**
 * GET /_gateway/logs over real traffic: the member bundle's own JSON lines (read from its
 * instances' stdout) and the gateway's access lines, found by request id, function, status class,
 * latency, free text and time; error lines with their stack; the contract's admin rule.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV, signedFetch } from '../support/harness.js';
import { startObservedMember, until, type ObservedMember } from '../support/observed-member.js';

type Line = Record<string, unknown>;

let platform: ObservedMember;
let url: string;
let created: { id: string; requestId: string };

beforeAll(async () => {
  platform = await startObservedMember();
  url = platform.gateway.url;
  const response = await signedFetch(`${url}/members`, 'app', { method: 'POST', data: { phone: '13700000901', name: 'Logs' } });
  expect(response.status).toBe(201);
  created = { id: ((await response.json()) as { id: string }).id, requestId: response.headers.get('x-request-id')! };
});
afterAll(async () => {
  await platform?.stop();
});

async function logs(query: string): Promise<{ items: Line[]; nextCursor: string | null }> {
  const response = await fetch(`${url}/_gateway/logs?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { items: Line[]; nextCursor: string | null };
}

/** The lines of a query once `enough` of them are there (an instance writes its lines within a second). */
function logsOnce(query: string, enough: (items: Line[]) => boolean): Promise<Line[]> {
  return until(async () => {
    const { items } = await logs(query);
    return enough(items) ? items : undefined;
  });
}

describe('GET /_gateway/logs', () => {
  it("finds a request's function line and gateway line by its request id, with the fields FC ships to Log Service", async () => {
    const items = await logsOnce(`requestId=${created.requestId}`, (lines) => lines.some((line) => line.source === 'function'));
    const fn = items.find((line) => line.source === 'function')!;
    expect(fn).toMatchObject({
      requestId: created.requestId,
      function: 'member',
      method: 'POST',
      route: '/members',
      status: 201,
      channel: 'app',
      coldStart: expect.any(Boolean),
      latencyMs: expect.any(Number),
      time: expect.any(Number),
      instance: expect.stringMatching(/^member-\d+$/),
    });
    expect(items.find((line) => line.source === 'gateway')).toMatchObject({
      event: 'request',
      requestId: created.requestId,
      function: 'member',
      route: '/members',
      method: 'POST',
      status: 201,
      channel: 'app',
      latencyMs: expect.any(Number),
    });
  });

  it('filters by function, status class, channel and route, newest first, and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) expect((await signedFetch(`${url}/members/mem_missing${i}`, 'pos')).status).toBe(404);
    expect((await signedFetch(`${url}/stores/s1`, 'web')).status).toBe(200);
    const missing = await logsOnce('function=member&status=4xx&channel=pos&route=/members', (lines) => lines.length >= 6);
    expect(missing.every((line) => line.function === 'member' && line.status === 404 && line.channel === 'pos')).toBe(true);
    const times = missing.map((line) => line.time as number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const fromFunction = missing.filter((line) => line.source === 'function').map((line) => line.route);
    expect(fromFunction).toEqual(['/members/:id', '/members/:id', '/members/:id']);

    const all = (await logs('function=member&status=404')).items;
    const first = await logs('function=member&status=404&limit=2');
    const second = await logs(`function=member&status=404&limit=2&cursor=${first.nextCursor}`);
    const paged = [...first.items, ...second.items];
    expect(new Set(paged.map((line) => JSON.stringify(line))).size).toBe(4);
    expect(paged.every((line) => all.slice(0, 6).some((one) => JSON.stringify(one) === JSON.stringify(line)))).toBe(true);
    expect((await logs('function=stores')).items.map((line) => [line.source, line.channel])).toEqual([['gateway', 'web']]);
  });

  it("finds a function's 5xx by status class together with its error line and stack, joined by the request id", async () => {
    // Every GetRow fails with the service's internal error: the member function answers 5xx.
    await platform.faults.set([{ id: 'broken', fault: 'error', operation: 'GetRow', error: 'OTSInternalServerError' }]);
    const failed = await signedFetch(`${url}/members/${created.id}`, 'wechat');
    await platform.faults.clear();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    const requestId = failed.headers.get('x-request-id')!;
    const errors = await logsOnce('function=member&status=5xx&since=5m', (lines) =>
      lines.some((line) => line.requestId === requestId && line.err !== undefined),
    );
    const ofRequest = errors.filter((line) => line.requestId === requestId);
    expect(ofRequest.find((line) => line.err !== undefined)).toMatchObject({
      source: 'function',
      err: { stack: expect.stringContaining('OTSInternalServerError') },
    });
    expect(
      ofRequest
        .filter((line) => line.status === failed.status)
        .map((line) => line.source)
        .sort(),
    ).toEqual(['function', 'gateway']);
  });

  it('finds lines above a latency, by free text and within a time range', async () => {
    const all = (await logs('function=member&limit=1000')).items.filter((line) => typeof line.latencyMs === 'number');
    const slowest = Math.max(...all.map((line) => line.latencyMs as number));
    const slow = (await logs(`minLatencyMs=${slowest}`)).items;
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every((line) => (line.latencyMs as number) >= slowest)).toBe(true);

    const text = (await logs(`q=${created.requestId.slice(0, 13).toUpperCase()}`)).items;
    expect(new Set(text.map((line) => line.requestId))).toEqual(new Set([created.requestId]));

    const line = all.find((candidate) => candidate.requestId === created.requestId && candidate.source === 'function')!;
    const at = line.time as number;
    const inside = await logs(
      `requestId=${created.requestId}&since=${new Date(at - 1).toISOString()}&until=${new Date(at + 1).toISOString()}`,
    );
    expect(inside.items.map((one) => one.source)).toContain('function');
    const before = await logs(`requestId=${created.requestId}&until=${new Date(at - 60_000).toISOString()}`);
    expect(before.items).toEqual([]);
  });

  it('names every bad parameter in a 400 validation-failed problem', async () => {
    const response = await fetch(`${url}/_gateway/logs?status=5x&since=yesterday&limit=5000&shop=1`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['limit', 'shop', 'since', 'status']);
  });

  it('keeps its segment files on disk within the bound', async () => {
    await platform.observe.logs.flush();
    const files = (await readdir(platform.logDir)).filter((name) => name.startsWith('segment-'));
    const sizes = await Promise.all(files.map(async (name) => (await stat(join(platform.logDir, name))).size));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(platform.observe.logs.maxBytes);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(0);
  });
});

describe('the log store under more traffic than its bound', () => {
  it('drops the oldest segment, and with it the oldest request, while the newest stays found', async () => {
    const small = await startObservedMember({ observe: { maxLogBytes: 32 * 1024 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) {
        const response = await signedFetch(`${small.gateway.url}/members/mem_bound${i}`, 'pos');
        expect(response.status).toBe(404);
        ids.push(response.headers.get('x-request-id')!);
      }
      const find = async (requestId: string) =>
        ((await (await fetch(`${small.gateway.url}/_gateway/logs?requestId=${requestId}`)).json()) as { items: Line[] }).items;
      await until(async () => ((await find(ids.at(-1)!)).some((line) => line.source === 'function') ? true : undefined));
      expect(await find(ids[0]!)).toEqual([]);
      small.observe.logs.flush();
      const files = (await readdir(small.logDir)).filter((name) => name.startsWith('segment-')).sort();
      expect(files[0]).not.toMatch(/^segment-00000001/);
      const sizes = await Promise.all(files.map(async (name) => (await stat(join(small.logDir, name))).size));
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(32 * 1024);
    } finally {
      await small.stop();
    }
  });
});

describe('who may read the logs', () => {
  it('outside dev: unsigned 401, a non-admin channel 403, the admin channel 200', async () => {
    // Production refuses the dev secrets: the same AppKeys with secrets of their own.
    const secret = 'not-the-dev-secret-0123456789';
    const channels = Object.fromEntries(Object.entries(DEV).map(([name, app]) => [name, { ...app, appSecret: secret }]));
    const production = await startObservedMember({ production: true, channels });
    try {
      const base = production.gateway.url;
      expect((await fetch(`${base}/_gateway/logs?since=10m`)).status).toBe(401);
      expect((await signedFetch(`${base}/_gateway/series?metric=requests`, 'wechat', { secret })).status).toBe(403);
      expect((await signedFetch(`${base}/_gateway/alarms`, 'pos', { secret })).status).toBe(403);
      const admin = await signedFetch(`${base}/_gateway/logs?since=10m`, 'admin', { secret });
      expect(admin.status).toBe(200);
      expect(await admin.json()).toMatchObject({ items: expect.any(Array), nextCursor: null });
    } finally {
      await production.stop();
    }
  });
});
