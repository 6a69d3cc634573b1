import { shownSeries, pageStatus, type ShownSeries } from '@retail/dashboard';
import { signedFetch, startDev, type DevPlatform } from '@retail/dev';
import { devChannels, startGateway } from '@retail/gateway';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRequests, promotionProfile, startLoad, type LoadRun } from '../src/index.js';
import { openPromotions, seedCrowd } from '../src/run/seed.js';
import { storageClient } from '../src/run/storage.js';
import { launchChromium } from './support/chromium.js';

// The dashboard as an operator sees it during a promotion: the real platform (pnpm dev's), the
// rehearsal's crowd sending signed traffic through the gateway, and headless Chromium on the page.
const OUTPUT = join(import.meta.dirname, '..', 'test-output');
const SECONDS = 20;
let dataDir: string;
let platform: DevPlatform;
let browser: Browser;
let page: Page;
let load: LoadRun;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'retail-dashboard-'));
  platform = await startDev({ dataDir, port: 0, otsPort: 0, log: () => {} });
  const client = storageClient(platform.otsEndpoint);
  const crowd = await seedCrowd(client, 60);
  const t0 = Date.now() + 1000;
  const phases = promotionProfile({ seconds: SECONDS, baselineRps: 6, peakFactor: 4, grabFactor: 2 });
  const promotions = await openPromotions(client, {
    couponTotal: 20,
    flashQuantity: 10,
    flashStoreId: platform.demo.storeId ?? '',
    grabAt: t0,
    flashAt: t0,
    endsAt: t0 + SECONDS * 1000,
  });
  client.close();
  load = startLoad({
    url: platform.url,
    t0,
    plan: planRequests(phases, 5),
    targets: { ...crowd, ...promotions },
    channels: devChannels(),
    seed: 5,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`${platform.url}/_gateway/dashboard`);
});

afterAll(async () => {
  await browser?.close();
  await load?.result.catch(() => undefined);
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Waits (bounded) until a chart of the page shows what `check` looks for; returns its series. */
async function until(chartId: string, check: (series: ShownSeries[]) => boolean): Promise<ShownSeries[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const series = await shownSeries(page, chartId);
    if (check(series) || Date.now() > deadline) return series;
    await page.waitForTimeout(500);
  }
}

const positive = (series: ShownSeries[], name: string) => series.some((s) => s.name === name && s.points.some(([, v]) => v > 0));

describe('the dashboard while a crowd shops through the gateway', () => {
  it('shows requests per second of the functions the crowd calls, and of its channels', async () => {
    const byFunction = await until('flowByFunction', (s) => ['member', 'stores', 'trading'].every((fn) => positive(s, fn)));
    expect(byFunction.filter((s) => s.points.some(([, v]) => v > 0)).map((s) => s.name)).toEqual(
      expect.arrayContaining(['member', 'stores', 'trading']),
    );
    const byChannel = await until('flowByChannel', (s) => ['wechat', 'app', 'alipay'].every((c) => positive(s, c)));
    expect(byChannel.map((s) => s.name)).toEqual(expect.arrayContaining(['wechat', 'app', 'alipay']));
  });

  it('shows latency, instances and the water level of the running functions', async () => {
    const latency = await until('latency', (s) => positive(s, 'member p99'));
    expect(latency.map((s) => s.name)).toEqual(expect.arrayContaining(['member p99', 'member p50']));
    // s.yaml reserves 2 instances per function: 8 ready at least.
    const instances = await until('instances', (s) => s.some((x) => x.points.some(([, v]) => v > 0)));
    const ready = (t: number) =>
      instances
        .filter((s) => s.name === 'busy' || s.name === 'idle')
        .reduce((sum, s) => sum + (s.points.find(([at]) => at === t)?.[1] ?? 0), 0);
    const last = instances[0]?.points.at(-1)?.[0] ?? 0;
    expect(ready(last)).toBeGreaterThanOrEqual(8);
    const water = await until('waterLevel', (s) => s.length >= 4);
    expect(water.map((s) => s.name)).toEqual(expect.arrayContaining(['coupons', 'member', 'stores', 'trading']));
    expect(await pageStatus(page)).toMatchObject({ lastError: null });
  });

  it('lets the crowd finish, every planned request sent, and keeps the whole promotion on the last minute', async () => {
    const { records, cost } = await load.result;
    // Every planned request was sent and recorded (how fast they were answered is the report's business).
    expect(cost.dropped).toBe(0);
    expect(records.status.filter((s) => s === -1)).toEqual([]);
    await page.selectOption('#window', '1m');
    const refreshes = (await pageStatus(page)).refreshes;
    const deadline = Date.now() + 60_000;
    while ((await pageStatus(page)).refreshes < refreshes + 2 && Date.now() < deadline) await page.waitForTimeout(250);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'dashboard-during-traffic.png'), fullPage: true });
  });
});

describe('the dashboard outside dev', () => {
  it('is for the admin channel only', async () => {
    const channels = {
      admin: { appKey: 'admin-key-1', appSecret: 'a-production-secret-1', rps: 10, burst: 10 },
      app: { appKey: 'app-key-1', appSecret: 'a-production-secret-2', rps: 10, burst: 10 },
    };
    const gateway = await startGateway({ production: true, channels, log: () => {} });
    try {
      expect((await fetch(`${gateway.url}/_gateway/dashboard`)).status).toBe(401);
      expect((await signedFetch(gateway.url, channels.app, 'GET', '/_gateway/dashboard')).status).toBe(403);
      const admin = await signedFetch(gateway.url, channels.admin, 'GET', '/_gateway/dashboard');
      expect(admin.status).toBe(200);
      expect(String(admin.body)).toContain('<title>Retail platform dashboard</title>');
    } finally {
      await gateway.stop();
    }
  });
});
