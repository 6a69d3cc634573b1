import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageStatus, shownSeries } from '../src/index.js';
import { launchChromium } from './support/chromium.js';
import { startFakeObserve, type FakeObserve } from './support/fake-observe.js';

// The page in a real browser against the contract's shapes: every panel shows what the endpoints
// say, keeps following them, and loads nothing from anywhere but the server that served it.
const OUTPUT = join(import.meta.dirname, '..', 'test-output');
let fake: FakeObserve;
let browser: Browser;
let page: Page;
const loaded: string[] = [];

beforeAll(async () => {
  fake = await startFakeObserve({ byFunction: { member: 5, trading: 20 }, byChannel: { wechat: 10, app: 15 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  page.on('request', (request) => loaded.push(request.url()));
  await page.goto(`${fake.url}/_gateway/dashboard`);
  await page.waitForFunction(() => (window.retailDashboard?.refreshes ?? 0) >= 1, undefined, { timeout: 45_000 });
});

afterAll(async () => {
  await browser?.close();
  await fake?.stop();
});

const last = (points: Array<[number, number]> | undefined) => points?.at(-1)?.[1];

describe('the dashboard page in Chromium', () => {
  it('charts requests by function and by channel, latency, instances, water level and throttling', async () => {
    expect(await pageStatus(page)).toMatchObject({ lastError: null });
    const byFunction = await shownSeries(page, 'flowByFunction');
    expect(byFunction.map((s) => [s.name, last(s.points)])).toEqual([
      ['member', 5],
      ['trading', 20],
    ]);
    const byChannel = await shownSeries(page, 'flowByChannel');
    expect(byChannel.map((s) => [s.name, last(s.points)])).toEqual([
      ['app', 15],
      ['wechat', 10],
    ]);
    const latency = await shownSeries(page, 'latency');
    expect(latency.map((s) => [s.name, last(s.points)])).toEqual([
      ['member p99', 40],
      ['trading p99', 40],
      ['member p50', 8],
      ['trading p50', 8],
    ]);
    expect((await shownSeries(page, 'instances')).map((s) => [s.name, last(s.points)])).toEqual([
      ['busy', 0],
      ['idle', 2],
      ['starting', 0],
    ]);
    expect((await shownSeries(page, 'waterLevel')).map((s) => last(s.points))).toEqual([25, 25]);
    expect((await shownSeries(page, 'throttled')).map((s) => [s.name, last(s.points)])).toEqual([['app', 3]]);
  });

  it('lists the firing alarm and the error line, its request id linking to the log query', async () => {
    expect(await page.locator('#firing').innerText()).toContain('trading-p99');
    const link = page.locator('#error-lines a');
    expect(await link.getAttribute('href')).toBe('/_gateway/logs?requestId=req-5xx-1&since=1h');
    // A caller-controlled message is shown as text, never run.
    expect(await page.locator('#error-lines').innerText()).toContain('<script>alert(1)</script>');
  });

  it('follows the traffic as it changes', async () => {
    fake.traffic.byFunction.member = 50;
    await page.waitForFunction(
      () => {
        const chart = window.retailDashboard.charts.flowByFunction;
        const series = (chart?.getOption() as { series: Array<{ name: string; data: Array<[number, number]> }> }).series;
        return series.some((s) => s.name === 'member' && s.data.at(-1)?.[1] === 50);
      },
      undefined,
      { timeout: 45_000 },
    );
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'dashboard-fake-observe.png'), fullPage: true });
  });

  it('loads nothing from outside the server that served it', () => {
    expect(loaded.length).toBeGreaterThan(2);
    expect(loaded.filter((url) => !url.startsWith(fake.url))).toEqual([]);
    expect(fake.asked).toContain('/_gateway/dashboard/dashboard.js');
  });
});
