import { devChannels } from '@retail/gateway';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { functionApps, signedFetch, startDev, type DevPlatform } from '../src/index.js';

// The dev platform as a developer meets it: real ots-local on a data directory, the built
// function bundles as processes, the gateway in front, calls signed with the dev channel keys.
const channels = devChannels();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<DevPlatform> {
  return startDev({ dataDir, port: 0, otsPort: 0, log: () => {} });
}

describe('pnpm dev', () => {
  it('finds every built function from the workspace', () => {
    expect(
      functionApps()
        .map((app) => app.name)
        .sort(),
    ).toEqual(['coupons', 'member', 'stores', 'trading']);
  });

  it('seeds a chain, a campaign and a flash sale, and an order goes through every function and the expiry timer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'retail-dev-'));
    dirs.push(dataDir);
    const dev = await start(dataDir);
    try {
      const { memberId, storeId, campaignId, flashSaleId } = dev.demo;
      const shanghai = await signedFetch(dev.url, channels.app!, 'GET', '/stores?city=Shanghai&limit=100');
      expect(shanghai.status).toBe(200);
      const formats = (shanghai.body as { items: Array<{ format: string }> }).items.map((s) => s.format).sort();
      expect(formats).toEqual([
        'boutique-supermarket',
        'convenience',
        'hypermarket',
        'shopping-center',
        'standard-supermarket',
        'supermarket',
        'unattended',
      ]);
      const near = await signedFetch(dev.url, channels.app!, 'GET', '/stores?near=31.2304,121.4737&radiusKm=5');
      expect((near.body as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const sale = await signedFetch(dev.url, channels.app!, 'GET', `/flash-sales/${flashSaleId}`);
      expect(sale.body).toMatchObject({ status: 'scheduled', remaining: 50, sku: 'tv-55' });
      const coupon = await signedFetch(dev.url, channels.wechat!, 'POST', `/coupon-campaigns/${campaignId}/claims`, { memberId });
      expect(coupon.status).toBe(201);
      const couponId = (coupon.body as { id: string }).id;
      const order = await signedFetch(dev.url, channels.wechat!, 'POST', '/orders', {
        memberId,
        storeId,
        items: [{ sku: 'coffee-500g', quantity: 2 }],
        couponId,
      });
      expect(order.status).toBe(201);
      expect(order.body).toMatchObject({ subtotal: 17_800, discount: 2000, total: 15_800, status: 'pending-payment' });
      const orderId = (order.body as { id: string }).id;
      const paid = await signedFetch(dev.url, channels.wechat!, 'POST', `/orders/${orderId}/payment`, {
        paymentRef: 'wx-dev-1',
        amount: 15_800,
      });
      expect(paid.body).toMatchObject({ status: 'paid' });
      const member = await signedFetch(dev.url, channels.wechat!, 'GET', `/members/${memberId}`);
      expect(member.body).toMatchObject({ points: 1200 + 158 });
      const fired = await dev.fireTimer('trading', 'expiry');
      expect(fired).toMatchObject({ status: 200, body: { job: 'expire-orders', ok: true } });
      // The gateway kept the trading function's own line of the order, found by its request id.
      const requestId = order.headers.get('x-request-id')!;
      const deadline = Date.now() + 15_000;
      let lines: Array<Record<string, unknown>> = [];
      while (!lines.some((line) => line.source === 'function') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        lines = ((await (await fetch(`${dev.url}/_gateway/logs?requestId=${requestId}`)).json()) as { items: typeof lines })
          .items;
      }
      expect(lines).toContainEqual(
        expect.objectContaining({ source: 'function', function: 'trading', route: '/orders', status: 201 }),
      );
      const byFunction = (await (await fetch(`${dev.url}/_gateway/series?metric=requests&by=function&since=5m`)).json()) as {
        series: Array<{ labels: { function: string } }>;
      };
      expect(byFunction.series.map((one) => one.labels.function)).toEqual(
        expect.arrayContaining(['coupons', 'member', 'stores', 'trading']),
      );
    } finally {
      await dev.stop();
    }
  });

  it('serves seeded demo data through the gateway, enforces channels, and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'retail-dev-'));
    dirs.push(dataDir);
    let dev = await start(dataDir);
    try {
      expect(dev.seeded).toBe(true);
      const found = await signedFetch(dev.url, channels.wechat!, 'GET', '/members?phone=13800000001');
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({ name: '李雷', points: 1200, level: 'silver', registeredChannel: 'wechat' });
      const created = await signedFetch(dev.url, channels.pos!, 'POST', '/members', { phone: '13900000009', name: 'New Member' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ registeredChannel: 'pos' });
      const notAdmin = await signedFetch(dev.url, channels.wechat!, 'GET', '/_gateway/channels');
      expect(notAdmin.status).toBe(403);
      const health = (await (await fetch(`${dev.url}/_gateway/health`)).json()) as { functions: Record<string, string> };
      expect(health.functions.member).toBe('ready');
      const metrics = await (await fetch(`${dev.url}/_gateway/metrics`)).text();
      expect(metrics).toMatch(/retail_instances\{function="member",state="idle"\} [1-9]/);
    } finally {
      await dev.stop();
    }
    dev = await start(dataDir);
    try {
      expect(dev.seeded).toBe(false);
      const again = await signedFetch(dev.url, channels.app!, 'GET', '/members?phone=13900000009');
      expect(again.status).toBe(200);
    } finally {
      await dev.stop();
    }
  });
});
