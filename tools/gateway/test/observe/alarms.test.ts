/**
 * Alarms end to end: a rules file beside the test, traffic through the gateway that breaks two
 * rules (one posting generic JSON, one a DingTalk robot message), each firing exactly once to a
 * local webhook receiver and resolving once the traffic stops; GET /_gateway/alarms shows it all.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookReceiver, type AlarmEvent, type WebhookReceiver } from '@retail/observe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlarmRules } from '../../src/index.js';
import { signedFetch } from '../support/harness.js';
import { startObservedMember, until, type ObservedMember } from '../support/observed-member.js';

let generic: WebhookReceiver;
let dingtalk: WebhookReceiver;
let platform: ObservedMember;
let dir: string;

beforeAll(async () => {
  generic = await startWebhookReceiver({ ok: true });
  dingtalk = await startWebhookReceiver();
  dir = await mkdtemp(join(tmpdir(), 'gateway-alarms-'));
  const file = join(dir, 'alarms.json');
  await writeFile(
    file,
    JSON.stringify([
      {
        name: 'pos-throttled',
        metric: 'throttled',
        scope: { channel: '*' },
        op: '>',
        threshold: 0,
        windowSeconds: 3,
        forSeconds: 1,
        webhook: { url: generic.url, format: 'generic' },
      },
      {
        name: 'member-busy',
        metric: 'requests',
        scope: { function: 'member' },
        op: '>',
        threshold: 2,
        windowSeconds: 3,
        forSeconds: 1,
        webhook: { url: dingtalk.url, format: 'dingtalk' },
      },
    ]),
  );
  platform = await startObservedMember({ observe: { rules: loadAlarmRules({ file }).rules } });
});
afterAll(async () => {
  await platform?.stop();
  await generic?.stop();
  await dingtalk?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('alarms', () => {
  it('fire once while traffic breaks the rules, resolve when it stops, in both webhook formats', async () => {
    const url = platform.gateway.url;
    expect(
      (await signedFetch(`${url}/_gateway/channels/pos/throttle`, 'admin', { method: 'PUT', data: { rps: 1, burst: 1 } })).status,
    ).toBe(200);
    let running = true;
    const traffic = (async () => {
      for (let i = 0; running; i++) await signedFetch(`${url}/members/mem_load${i}`, 'pos');
    })();
    try {
      await generic.received(1, 30_000);
      await dingtalk.received(1, 30_000);
      const during = (await (await fetch(`${url}/_gateway/alarms`)).json()) as {
        firing: Array<{ rule: string; labels: object }>;
      };
      expect(during.firing.map((alarm) => [alarm.rule, alarm.labels]).sort()).toEqual([
        ['member-busy', { function: 'member' }],
        ['pos-throttled', { channel: 'pos' }],
      ]);
    } finally {
      running = false;
      await traffic;
    }
    await generic.received(2, 30_000);
    await dingtalk.received(2, 30_000);
    await platform.observe.alarms.webhooks.idle();

    expect(generic.bodies).toEqual([
      expect.objectContaining({
        rule: 'pos-throttled',
        state: 'firing',
        labels: { channel: 'pos' },
        metric: 'throttled',
        threshold: 0,
      }),
      expect.objectContaining({ rule: 'pos-throttled', state: 'resolved', labels: { channel: 'pos' } }),
    ]);
    expect((generic.bodies[0] as { value: number }).value).toBeGreaterThan(0);
    expect(dingtalk.bodies).toEqual([
      { msgtype: 'markdown', markdown: { title: '[FIRING] member-busy', text: expect.stringContaining('function=member') } },
      { msgtype: 'markdown', markdown: { title: '[RESOLVED] member-busy', text: expect.stringContaining('**requests** > 2') } },
    ]);

    const after = (await (await fetch(`${url}/_gateway/alarms`)).json()) as {
      rules: Array<{ name: string; webhook: { url: string } }>;
      firing: unknown[];
      events: AlarmEvent[];
    };
    expect(after.firing).toEqual([]);
    expect(after.events.map((event) => `${event.rule} ${event.state}`).sort()).toEqual([
      'member-busy firing',
      'member-busy resolved',
      'pos-throttled firing',
      'pos-throttled resolved',
    ]);
    expect(after.rules.map((rule) => rule.webhook.url).join(' ')).not.toContain('access_token');
    const logged = await until(async () => {
      const { items } = (await (await fetch(`${url}/_gateway/logs?q=%22event%22:%22alarm%22`)).json()) as { items: unknown[] };
      return items.length === 4 ? items : undefined;
    });
    expect(logged).toHaveLength(4);
  });
});
