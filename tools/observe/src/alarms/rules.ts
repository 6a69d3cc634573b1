/**
 * Alarm rules: `[{ name, metric, scope, op, threshold, windowSeconds, forSeconds, webhook? }]`.
 * A scope value `*` evaluates the rule once per value of that label ("any 429 on a channel").
 */
import { readFileSync } from 'node:fs';
import { AlarmRulesError } from '../errors.js';
import { isMetric, labelsOf, type LabelName, type MetricName } from '../series/metrics.js';

/** Where a rule's events are posted, and in which body. */
export interface WebhookTarget {
  url: string;
  /** `generic`: the event as JSON; `dingtalk`: a DingTalk robot markdown message. */
  format: 'generic' | 'dingtalk';
}

export type Comparison = '>' | '>=' | '<' | '<=';

/** One alarm rule. */
export interface AlarmRule {
  name: string;
  metric: MetricName;
  /** Label values the rule looks at; `*` means each value separately. */
  scope: Partial<Record<LabelName, string>>;
  op: Comparison;
  threshold: number;
  /** The metric is computed over this many complete seconds. */
  windowSeconds: number;
  /** The breach must last this long before the alarm fires. */
  forSeconds: number;
  webhook?: WebhookTarget;
}

const FIELDS = new Set(['name', 'metric', 'scope', 'op', 'threshold', 'windowSeconds', 'forSeconds', 'webhook']);
const OPS: readonly string[] = ['>', '>=', '<', '<='];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Validates rules given as parsed JSON; throws an {@link AlarmRulesError} naming every problem.
 *
 * @example
 * parseAlarmRules([{ name: 'trading-p99', metric: 'latency_p99', scope: { function: 'trading' }, op: '>', threshold: 300, windowSeconds: 30, forSeconds: 30 }], 'alarms.dev.json')
 */
export function parseAlarmRules(input: unknown, source: string): AlarmRule[] {
  if (!Array.isArray(input)) throw new AlarmRulesError(`${source}: alarm rules must be a JSON array of rules.`);
  const problems: string[] = [];
  const names = new Set<string>();
  const rules = input.map((value: unknown, i) => {
    const at = `[${i}]`;
    const rule = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    if (rule !== value) problems.push(`${at}: must be an object`);
    for (const field of Object.keys(rule)) if (!FIELDS.has(field)) problems.push(`${at}.${field}: unknown property`);
    if (typeof rule.name !== 'string' || !NAME.test(rule.name)) problems.push(`${at}.name: 1..64 of A-Z a-z 0-9 _ . -`);
    else if (names.has(rule.name)) problems.push(`${at}.name: '${rule.name}' is used twice`);
    else names.add(rule.name);
    if (typeof rule.metric !== 'string' || !isMetric(rule.metric)) problems.push(`${at}.metric: not a metric`);
    else problems.push(...scopeProblems(rule.scope, rule.metric, `${at}.scope`));
    if (typeof rule.op !== 'string' || !OPS.includes(rule.op)) problems.push(`${at}.op: one of ${OPS.join(' ')}`);
    if (typeof rule.threshold !== 'number' || !Number.isFinite(rule.threshold)) problems.push(`${at}.threshold: a number`);
    if (!integer(rule.windowSeconds, 1, 3600)) problems.push(`${at}.windowSeconds: an integer 1..3600`);
    if (!integer(rule.forSeconds, 0, 86_400)) problems.push(`${at}.forSeconds: an integer 0..86400`);
    if (rule.webhook !== undefined) problems.push(...webhookProblems(rule.webhook, `${at}.webhook`));
    return { ...rule, scope: rule.scope ?? {} } as AlarmRule;
  });
  if (problems.length > 0) throw new AlarmRulesError(`${source}: invalid alarm rules: ${problems.join('; ')}.`, problems);
  return rules;
}

/** Reads and validates an alarm rules JSON file. */
export function readAlarmRulesFile(path: string): AlarmRule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AlarmRulesError(`Cannot read the alarm rules file ${path}: ${(error as Error).message}`, [], { cause: error });
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new AlarmRulesError(`${path}: not JSON: ${(error as Error).message}`, [], { cause: error });
  }
  return parseAlarmRules(input, path);
}

/** The label a rule is evaluated per value of (its `*` scope label), if any. */
export function groupLabel(rule: AlarmRule): LabelName | undefined {
  return (Object.entries(rule.scope).find(([, value]) => value === '*')?.[0] as LabelName | undefined) ?? undefined;
}

function scopeProblems(scope: unknown, metric: MetricName, at: string): string[] {
  if (scope === undefined) return [];
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) return [`${at}: an object of label values`];
  const problems: string[] = [];
  const labels: readonly string[] = labelsOf(metric);
  for (const [name, value] of Object.entries(scope)) {
    if (!labels.includes(name)) problems.push(`${at}.${name}: ${metric} has the labels ${labels.join(', ')}`);
    else if (typeof value !== 'string' || value === '') problems.push(`${at}.${name}: a label value or '*'`);
  }
  if (Object.values(scope).filter((value) => value === '*').length > 1) problems.push(`${at}: '*' on one label at most`);
  return problems;
}

function webhookProblems(webhook: unknown, at: string): string[] {
  if (typeof webhook !== 'object' || webhook === null || Array.isArray(webhook)) return [`${at}: { url, format }`];
  const { url, format, ...rest } = webhook as Record<string, unknown>;
  const problems = Object.keys(rest).map((field) => `${at}.${field}: unknown property`);
  if (typeof url !== 'string' || !URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol))
    problems.push(`${at}.url: an http(s) URL`);
  if (format !== 'generic' && format !== 'dingtalk') problems.push(`${at}.format: 'generic' or 'dingtalk'`);
  return problems;
}

function integer(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
