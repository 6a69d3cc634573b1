import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertNoDevSecrets,
  ChannelConfigError,
  DevSecretsInProductionError,
  devChannels,
  loadChannels,
  parseChannels,
  startGateway,
} from '../../src/index.js';
import { parseUpstreams, readEnv } from '../../src/env.js';

const GOOD = { pos: { appKey: 'k-pos', appSecret: 'a-real-secret-of-32-characters!!', rps: 5, burst: 10 } };

describe('channels.dev.json', () => {
  it('holds the six documented channel apps with distinct keys', () => {
    const dev = devChannels();
    expect(Object.keys(dev).sort()).toEqual(['admin', 'alipay', 'app', 'pos', 'web', 'wechat']);
    expect(new Set(Object.values(dev).map((app) => app.appKey)).size).toBe(6);
    for (const app of Object.values(dev)) expect(app.appSecret).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('parseChannels', () => {
  it('accepts valid channel apps', () => {
    expect(parseChannels(GOOD, 'test')).toEqual(GOOD);
  });

  it('names every problem', () => {
    let error: unknown;
    try {
      parseChannels(
        {
          Bad: { appKey: 'k1', appSecret: 'short', rps: 0, burst: 1.5, extra: 1 },
          web: { appKey: 'k1', appSecret: 'x'.repeat(16), rps: 1, burst: 1 },
          app: 'nope',
        },
        'channels.json',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChannelConfigError);
    expect((error as ChannelConfigError).problems).toEqual([
      "'Bad': a channel name is 1..32 of a-z, 0-9, '-', starting with a letter",
      'Bad.extra: unknown property',
      'Bad.appSecret: must be a string of at least 16 characters',
      'Bad.rps: must be an integer 1..1000000',
      'Bad.burst: must be an integer 1..1000000',
      'web.appKey: the same as Bad.appKey (AppKeys are unique)',
      'app: must be an object { appKey, appSecret, rps, burst }',
    ]);
    expect((error as Error).message).toMatch(/^channels\.json: invalid channel apps: /);
    expect(() => parseChannels([], 'x')).toThrow(ChannelConfigError);
    expect(() => parseChannels({}, 'x')).toThrow(/no channel apps/);
  });
});

describe('loadChannels', () => {
  it('prefers JSON text, then a file, then channels.dev.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-channels-'));
    const file = join(dir, 'channels.json');
    writeFileSync(file, JSON.stringify(GOOD));
    expect(loadChannels({ file }).channels).toEqual(GOOD);
    expect(loadChannels({ json: JSON.stringify({ web: { ...GOOD.pos, appKey: 'k-web' } }), file }).channels).toHaveProperty(
      'web',
    );
    expect(loadChannels({}).channels).toEqual(devChannels());
    expect(() => loadChannels({ json: '{nope' })).toThrow(/GATEWAY_CHANNELS_JSON: not valid JSON/);
    expect(() => loadChannels({ file: join(dir, 'missing.json') })).toThrow(/Cannot read the channel apps file/);
  });
});

describe('dev secrets in production', () => {
  it('are refused, naming the channels', async () => {
    expect(() => assertNoDevSecrets(devChannels())).toThrow(DevSecretsInProductionError);
    expect(() => assertNoDevSecrets({ ...GOOD, admin: devChannels().admin! })).toThrow(/admin/);
    expect(() => assertNoDevSecrets(GOOD)).not.toThrow();
    await expect(startGateway({ production: true, channels: devChannels(), log: () => {} })).rejects.toThrow(
      DevSecretsInProductionError,
    );
    const gateway = await startGateway({ production: true, channels: GOOD, log: () => {} });
    await gateway.stop();
  });
});

describe('environment', () => {
  it('reads and validates PORT, upstreams and channel sources', () => {
    const env = readEnv({
      PORT: '9090',
      NODE_ENV: 'production',
      GATEWAY_UPSTREAMS: 'member=http://127.0.0.1:9001, stores=http://127.0.0.1:9002/base',
      GATEWAY_CHANNELS_FILE: '/etc/channels.json',
    });
    expect(env).toMatchObject({
      port: 9090,
      host: '127.0.0.1',
      production: true,
      channelsFile: '/etc/channels.json',
      channelsJson: undefined,
      upstreams: { member: 'http://127.0.0.1:9001', stores: 'http://127.0.0.1:9002/base' },
    });
    expect(readEnv({}).port).toBe(8080);
    expect(() => readEnv({ PORT: 'x' })).toThrow(/PORT must be an integer/);
    expect(() => parseUpstreams('member', '--upstream')).toThrow(/<function>=<url>/);
    expect(() => parseUpstreams('member=ftp://x', '--upstream')).toThrow(/http:\/\//);
  });
});
