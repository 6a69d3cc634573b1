/**
 * The alarm engine: every second each rule's metric is computed over its window (per value of its
 * `*` label), compared with the threshold, and an alarm fires once the breach has lasted
 * `forSeconds`; it resolves when the breach ends. Events go to the log, the events list and the
 * rule's webhook.
 */
import type { SeriesStore } from '../series/series-store.js';
import type { AlarmNotice } from './notice.js';
import { groupLabel, type AlarmRule } from './rules.js';
import { redactedUrl, WebhookSender } from './webhook-sender.js';

/** An event of `GET /_gateway/alarms`. */
export interface AlarmEvent {
  rule: string;
  state: 'firing' | 'resolved';
  labels: Record<string, string>;
  value: number | null;
  at: string;
}

/** An alarm firing now. */
export interface FiringAlarm {
  rule: string;
  labels: Record<string, string>;
  value: number | null;
  since: string;
}

/** Options of {@link AlarmEngine}. */
export interface AlarmEngineOptions {
  rules: readonly AlarmRule[];
  series: SeriesStore;
  /** The clock (epoch ms). */
  now?: () => number;
  /** Structured log lines: one per event. */
  log?: (line: Record<string, unknown>) => void;
  /** Delivers webhooks. Default: a {@link WebhookSender} logging to `log`. */
  webhooks?: Pick<WebhookSender, 'send' | 'idle'>;
  /** Events kept. Default 100. */
  maxEvents?: number;
}

interface Tracked {
  rule: AlarmRule;
  labels: Record<string, string>;
  breachedSince: number;
  firingSince?: number;
  value: number | null;
}

/**
 * @example
 * const alarms = new AlarmEngine({ rules: readAlarmRulesFile('alarms.dev.json'), series, log });
 * alarms.start();
 * alarms.snapshot(); // { rules, firing, events }
 */
export class AlarmEngine {
  readonly webhooks: Pick<WebhookSender, 'send' | 'idle'>;
  private readonly rules: readonly AlarmRule[];
  private readonly series: SeriesStore;
  private readonly now: () => number;
  private readonly log: (line: Record<string, unknown>) => void;
  private readonly maxEvents: number;
  private readonly tracked = new Map<string, Tracked>();
  private readonly events: AlarmEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: AlarmEngineOptions) {
    this.rules = options.rules;
    this.series = options.series;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.webhooks = options.webhooks ?? new WebhookSender({ log: this.log });
    this.maxEvents = options.maxEvents ?? 100;
  }

  /** Evaluates every rule at `at` (epoch ms); returns the events this produced. */
  evaluate(at = this.now()): AlarmEvent[] {
    const produced: AlarmEvent[] = [];
    for (const rule of this.rules) {
      const by = groupLabel(rule);
      const filters = Object.fromEntries(Object.entries(rule.scope).filter(([, value]) => value !== '*'));
      const seen = new Set<string>();
      for (const { labels: group, value } of this.series.windowValues(rule.metric, filters, by, rule.windowSeconds, at)) {
        const labels = { ...filters, ...group };
        const key = `${rule.name}\u0000${JSON.stringify(labels)}`;
        seen.add(key);
        let tracked = this.tracked.get(key);
        if (value === undefined || !breaches(value, rule)) {
          if (tracked) this.end(key, tracked, value ?? null, at, produced);
          continue;
        }
        if (!tracked) this.tracked.set(key, (tracked = { rule, labels, breachedSince: at, value }));
        tracked.value = value;
        if (tracked.firingSince === undefined && at - tracked.breachedSince >= rule.forSeconds * 1000) {
          tracked.firingSince = at;
          produced.push(this.emit(tracked, 'firing', at));
        }
      }
      for (const [key, tracked] of this.tracked) {
        if (tracked.rule === rule && !seen.has(key)) this.end(key, tracked, null, at, produced);
      }
    }
    return produced;
  }

  /** Evaluates every `everyMs` (default 1 s) until {@link stop}. */
  start(everyMs = 1000): void {
    this.timer ??= setInterval(() => this.evaluate(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** What `GET /_gateway/alarms` answers: the rules (webhook URLs without their query), what fires, the latest events first. */
  snapshot(): { rules: AlarmRule[]; firing: FiringAlarm[]; events: AlarmEvent[] } {
    const firing = [...this.tracked.values()]
      .filter((tracked) => tracked.firingSince !== undefined)
      .map((tracked) => ({
        rule: tracked.rule.name,
        labels: tracked.labels,
        value: tracked.value,
        since: new Date(tracked.firingSince!).toISOString(),
      }));
    const rules = this.rules.map((rule) =>
      rule.webhook ? { ...rule, webhook: { ...rule.webhook, url: redactedUrl(rule.webhook.url) } } : rule,
    );
    return { rules, firing, events: [...this.events].reverse() };
  }

  /** Alarms firing now, by rule name (for the Prometheus gauge). */
  firingCounts(): Map<string, number> {
    const counts = new Map<string, number>(this.rules.map((rule) => [rule.name, 0]));
    for (const tracked of this.tracked.values())
      if (tracked.firingSince !== undefined) counts.set(tracked.rule.name, (counts.get(tracked.rule.name) ?? 0) + 1);
    return counts;
  }

  private end(key: string, tracked: Tracked, value: number | null, at: number, produced: AlarmEvent[]): void {
    this.tracked.delete(key);
    tracked.value = value;
    if (tracked.firingSince !== undefined) produced.push(this.emit(tracked, 'resolved', at));
  }

  private emit(tracked: Tracked, state: AlarmEvent['state'], at: number): AlarmEvent {
    const { rule } = tracked;
    const event: AlarmEvent = {
      rule: rule.name,
      state,
      labels: tracked.labels,
      value: tracked.value,
      at: new Date(at).toISOString(),
    };
    this.events.push(event);
    if (this.events.length > this.maxEvents) this.events.shift();
    this.log({
      level: state === 'firing' ? 'warn' : 'info',
      event: 'alarm',
      ...event,
      metric: rule.metric,
      op: rule.op,
      threshold: rule.threshold,
    });
    if (rule.webhook) {
      const notice: AlarmNotice = {
        ...event,
        since: new Date(tracked.firingSince ?? at).toISOString(),
        metric: rule.metric,
        op: rule.op,
        threshold: rule.threshold,
        windowSeconds: rule.windowSeconds,
        forSeconds: rule.forSeconds,
      };
      this.webhooks.send(rule.webhook, notice);
    }
    return event;
  }
}

function breaches(value: number, rule: AlarmRule): boolean {
  switch (rule.op) {
    case '>':
      return value > rule.threshold;
    case '>=':
      return value >= rule.threshold;
    case '<':
      return value < rule.threshold;
    case '<=':
      return value <= rule.threshold;
  }
}
