import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AlarmEngine,
  parseAlarmRules,
  SeriesStore,
  startWebhookReceiver,
  WebhookSender,
  type AlarmRule,
  type WebhookReceiver,
} from '../src/index.js';

const T0 = Date.parse('2026-11-11T00:00:00Z');
let receiver: WebhookReceiver;
let now: number;
let series: SeriesStore;
let lines: Array<Record<string, unknown>>;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  now = T0;
  series = new SeriesStore({ now: () => now });
  lines = [];
});
afterEach(async () => {
  await receiver.stop();
});

function engine(rules: unknown): AlarmEngine {
  const log = (line: Record<string, unknown>) => lines.push(line);
  return new AlarmEngine({
    rules: parseAlarmRules(rules, 'test'),
    series,
    now: () => now,
    log,
    webhooks: new WebhookSender({ log, backoffMs: 10, timeoutMs: 2000 }),
  });
}

/** Seconds T0+from .. T0+to-1, each with `count` requests of `latencyMs` (and `status`). */
function traffic(from: number, to: number, count: number, latencyMs: number, status = 200, channel = 'pos'): void {
  for (let s = from; s < to; s++)
    for (let i = 0; i < count; i++)
      series.recordRequest({ function: 'trading', route: '/orders', channel, status, latencyMs }, T0 + s * 1000 + i);
}

/** Evaluates once per second from T0+from to T0+to. */
function run(alarms: AlarmEngine, from: number, to: number): void {
  for (let s = from; s <= to; s++) {
    now = T0 + s * 1000;
    alarms.evaluate();
  }
}

const P99: AlarmRule[] = [
  {
    name: 'trading-p99',
    metric: 'latency_p99',
    scope: { function: 'trading' },
    op: '>',
    threshold: 300,
    windowSeconds: 5,
    forSeconds: 3,
  },
];

describe('the alarm engine', () => {
  it('fires exactly once after the breach lasts forSeconds, resolves when it ends, and posts both as generic JSON', async () => {
    const alarms = engine([{ ...P99[0], webhook: { url: receiver.url, format: 'generic' } }]);
    traffic(0, 20, 10, 20);
    traffic(20, 40, 10, 500);
    traffic(40, 60, 10, 20);
    run(alarms, 1, 60);
    const [firing, resolved] = (await receiver.received(2)) as Array<Record<string, unknown>>;
    await alarms.webhooks.idle();
    expect(receiver.bodies).toHaveLength(2);
    expect(firing).toMatchObject({
      source: 'retail-gateway',
      rule: 'trading-p99',
      state: 'firing',
      labels: { function: 'trading' },
      metric: 'latency_p99',
      op: '>',
      threshold: 300,
    });
    expect(firing!.value).toBeGreaterThan(300);
    // The window is breached from second 21 on (its p99 then includes second 20); 3 s later it fires.
    expect(firing!.at).toBe(new Date(T0 + 24_000).toISOString());
    expect(resolved).toMatchObject({ rule: 'trading-p99', state: 'resolved', since: firing!.at });
    expect(alarms.snapshot()).toMatchObject({ firing: [], events: [{ state: 'resolved' }, { state: 'firing' }] });
    expect(lines.filter((line) => line.event === 'alarm').map((line) => line.state)).toEqual(['firing', 'resolved']);
  });

  it('does not fire when the breach is shorter than forSeconds', () => {
    const alarms = engine([{ ...P99[0], windowSeconds: 1 }]);
    traffic(0, 10, 10, 20);
    traffic(10, 12, 10, 500);
    traffic(12, 30, 10, 20);
    const events = [];
    for (let s = 1; s <= 30; s++) {
      now = T0 + s * 1000;
      events.push(...alarms.evaluate());
    }
    expect(events).toEqual([]);
  });

  it('fires per channel for a * scope, and posts the DingTalk robot markdown message', async () => {
    const alarms = engine([
      {
        name: 'throttled',
        metric: 'throttled',
        scope: { channel: '*' },
        op: '>',
        threshold: 0,
        windowSeconds: 2,
        forSeconds: 0,
        webhook: { url: receiver.url, format: 'dingtalk' },
      },
    ]);
    traffic(0, 5, 3, 1, 429, 'wechat');
    traffic(0, 10, 3, 1, 200, 'pos');
    run(alarms, 1, 10);
    expect(alarms.snapshot().firing).toEqual([]);
    const bodies = (await receiver.received(2)) as Array<{ msgtype: string; markdown: { title: string; text: string } }>;
    await alarms.webhooks.idle();
    expect(bodies.map((body) => [body.msgtype, body.markdown.title])).toEqual([
      ['markdown', '[FIRING] throttled'],
      ['markdown', '[RESOLVED] throttled'],
    ]);
    expect(bodies[0]!.markdown.text).toContain('channel=wechat');
    expect(bodies[0]!.markdown.text).toContain('**throttled** > 0');
  });

  it('retries a webhook that fails, and keeps the token out of the rules it shows', async () => {
    receiver.refuse(2);
    const alarms = engine([{ ...P99[0], forSeconds: 0, webhook: { url: receiver.url, format: 'generic' } }]);
    traffic(0, 3, 5, 900);
    run(alarms, 1, 2);
    await alarms.webhooks.idle();
    expect(receiver.bodies).toHaveLength(1);
    expect(alarms.snapshot().rules[0]!.webhook!.url).not.toContain('secret-token');
    expect(alarms.snapshot().firing).toMatchObject([{ rule: 'trading-p99', labels: { function: 'trading' } }]);
  });

  it('gives up on a webhook that keeps failing, says so in the log, and never holds up evaluation', async () => {
    receiver.refuse(100);
    const alarms = engine([{ ...P99[0], forSeconds: 0, webhook: { url: receiver.url, format: 'generic' } }]);
    traffic(0, 3, 5, 900);
    run(alarms, 1, 2);
    expect(alarms.snapshot().firing).toHaveLength(1);
    await alarms.webhooks.idle();
    expect(lines.find((line) => line.event === 'alarm-webhook-failed')).toMatchObject({
      rule: 'trading-p99',
      attempts: 3,
      error: 'HTTP 503',
    });
  });

  it('refuses rules files with the bad fields named', () => {
    expect(() =>
      parseAlarmRules(
        [
          {
            name: 'a',
            metric: 'latency_p99',
            scope: { shop: 'x' },
            op: '!=',
            threshold: 'high',
            windowSeconds: 0,
            forSeconds: -1,
          },
          {
            name: 'a',
            metric: 'instances_busy',
            scope: { channel: '*' },
            op: '>',
            threshold: 1,
            windowSeconds: 1,
            forSeconds: 0,
            webhook: { url: 'ftp://x', format: 'slack' },
          },
        ],
        'rules.json',
      ),
    ).toThrow(
      /\[0\]\.scope\.shop.*\[0\]\.op.*\[0\]\.threshold.*\[0\]\.windowSeconds.*\[0\]\.forSeconds.*\[1\]\.name.*\[1\]\.scope\.channel.*\[1\]\.webhook\.url.*\[1\]\.webhook\.format/,
    );
  });
});
