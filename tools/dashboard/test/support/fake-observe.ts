/**
 * A stand-in for the observability endpoints (issue 7's contract): series that follow traffic the
 * test sets, an alarm firing, and error lines, on a local port together with the dashboard.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDashboardHandler, isDashboardPath } from '../../src/index.js';

/** Requests per second by function and by channel, as the fake reports them for the last minute. */
export interface FakeTraffic {
  byFunction: Record<string, number>;
  byChannel: Record<string, number>;
}

export interface FakeObserve {
  url: string;
  /** Every path the server was asked for, in order. */
  asked: string[];
  traffic: FakeTraffic;
  stop(): Promise<void>;
}

const ERROR_LINE = {
  time: '2026-11-11T00:00:01.000Z',
  requestId: 'req-5xx-1',
  function: 'trading',
  route: '/orders',
  method: 'POST',
  status: 500,
  latencyMs: 12.5,
  channel: 'app',
  err: { message: 'storage unavailable <script>alert(1)</script>' },
};

function lastMinute(value: number): Array<[number, number]> {
  const now = Math.floor(Date.now() / 1000) * 1000;
  return Array.from({ length: 60 }, (_, i): [number, number] => [now - (59 - i) * 1000, value]);
}

function series(metric: string, by: string, traffic: FakeTraffic) {
  const values: Record<string, number> =
    metric === 'requests'
      ? by === 'channel'
        ? traffic.byChannel
        : traffic.byFunction
      : metric === 'concurrency_in_use'
        ? Object.fromEntries(Object.keys(traffic.byFunction).map((fn) => [fn, 0.25]))
        : metric.startsWith('latency_')
          ? Object.fromEntries(Object.keys(traffic.byFunction).map((fn) => [fn, metric === 'latency_p99' ? 40 : 8]))
          : metric === 'instances_idle'
            ? { member: 2 }
            : metric === 'throttled'
              ? { app: 3 }
              : {};
  return {
    metric,
    step: 1,
    series: Object.entries(values).map(([label, value]) => ({ labels: { [by]: label }, points: lastMinute(value) })),
  };
}

/** Starts the fake on a free port. */
export async function startFakeObserve(traffic: FakeTraffic): Promise<FakeObserve> {
  const asked: string[] = [];
  const dashboard = createDashboardHandler();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    asked.push(url.pathname + url.search);
    if (isDashboardPath(url.pathname)) return dashboard(req, res);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/_gateway/series') {
      return json(series(url.searchParams.get('metric') ?? '', url.searchParams.get('by') ?? 'function', fake.traffic));
    }
    if (url.pathname === '/_gateway/alarms') {
      return json({
        rules: [{ name: 'trading-p99' }],
        firing: [{ rule: 'trading-p99', labels: { function: 'trading' }, value: 420, since: new Date().toISOString() }],
        events: [
          { rule: 'trading-p99', state: 'firing', labels: { function: 'trading' }, value: 420, at: new Date().toISOString() },
        ],
      });
    }
    if (url.pathname === '/_gateway/logs') return json({ items: [ERROR_LINE], nextCursor: null });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeObserve = {
    url: `http://127.0.0.1:${port}`,
    asked,
    traffic,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
