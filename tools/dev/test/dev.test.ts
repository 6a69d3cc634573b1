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
  it('finds the built member function from the workspace', () => {
    expect(functionApps().map((app) => app.name)).toContain('member');
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
