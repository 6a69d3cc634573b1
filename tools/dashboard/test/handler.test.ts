import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardHandler, type DashboardHandler } from '../src/index.js';

let server: Server;
let url: string;
let handler: DashboardHandler;
let empty: string;

async function serve(h: DashboardHandler): Promise<string> {
  handler = h;
  if (!server) {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'dashboard-'));
  url = await serve(createDashboardHandler());
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(empty, { recursive: true, force: true });
});

describe('the dashboard handler', () => {
  it('serves the page, which loads its script and stylesheet from under its own path only', async () => {
    const response = await fetch(`${url}/_gateway/dashboard`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      'data:,',
      '/_gateway/dashboard/dashboard.css',
      '/_gateway/logs?since=10m',
      '/_gateway/alarms',
      '/_gateway/metrics',
      '/_gateway/dashboard/dashboard.js',
    ]);
  });

  it('serves the bundled script (ECharts inside) and the stylesheet with their types', async () => {
    const script = await fetch(`${url}/_gateway/dashboard/dashboard.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toMatch(/echarts/i);
    const css = await fetch(`${url}/_gateway/dashboard/dashboard.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for any other file, traversal included, and 405 for other methods', async () => {
    for (const path of ['/_gateway/dashboard/index.js', '/_gateway/dashboard/../../package.json', '/_gateway/dashboard/web/x']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not-found' });
    }
    const post = await fetch(`${url}/_gateway/dashboard`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('says how to build the page when its assets are missing', async () => {
    const other = await serve(createDashboardHandler({ assetsDir: empty }));
    const response = await fetch(`${other}/_gateway/dashboard/dashboard.js`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'dashboard-not-built' });
    handler = createDashboardHandler();
  });
});
