/** What an alarm event says to a webhook: generic JSON, or a DingTalk robot markdown message. */
import type { AlarmRule, WebhookTarget } from './rules.js';

/** An alarm firing or resolving, with the rule it comes from. */
export interface AlarmNotice {
  rule: string;
  state: 'firing' | 'resolved';
  labels: Record<string, string>;
  /** The metric's value over the window when the event happened (null: no data any more). */
  value: number | null;
  /** ISO-8601 time of the event. */
  at: string;
  /** ISO-8601 time the alarm started firing. */
  since: string;
  metric: AlarmRule['metric'];
  op: AlarmRule['op'];
  threshold: number;
  windowSeconds: number;
  forSeconds: number;
}

/**
 * The request body for a webhook of `format`.
 *
 * @example
 * noticeBody(notice, 'dingtalk') // { msgtype: 'markdown', markdown: { title: '[FIRING] trading-p99', text: '### ...' } }
 */
export function noticeBody(notice: AlarmNotice, format: WebhookTarget['format']): unknown {
  if (format === 'generic') return { source: 'retail-gateway', ...notice };
  const state = notice.state === 'firing' ? 'FIRING' : 'RESOLVED';
  const labels = Object.entries(notice.labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const text = [
    `### [${state}] ${notice.rule}`,
    `- **${notice.metric}** ${notice.op} ${notice.threshold} over ${notice.windowSeconds} s, for ${notice.forSeconds} s`,
    `- value: **${notice.value ?? 'no data'}**`,
    ...(labels ? [`- labels: ${labels}`] : []),
    `- since: ${notice.since}`,
    `- at: ${notice.at}`,
  ].join('\n');
  return { msgtype: 'markdown', markdown: { title: `[${state}] ${notice.rule}`, text } };
}
