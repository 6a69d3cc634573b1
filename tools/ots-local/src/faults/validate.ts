import { OPERATIONS } from '../server/operations.js';
import { FAULT_ERROR_NAMES } from './error-shapes.js';
import type { FaultConfig, FaultRule } from './types.js';

/** One bad field of a rule set, named by its path (`rules[2].probability`). */
export interface FieldProblem {
  readonly field: string;
  readonly messages: string[];
}

/** Rules that cannot be used; nothing was changed. */
export class FaultRuleError extends Error {
  override name = 'FaultRuleError';
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid fault rules: ${problems.map((p) => `${p.field || 'body'}: ${p.messages.join('; ')}`).join(', ')}`);
  }
}

type Json = Record<string, unknown>;
const SELECTOR = ['id', 'operation', 'table', 'probability', 'everyNth', 'times'];
const FIELDS: Record<string, string[]> = {
  latency: [...SELECTOR, 'fault', 'ms'],
  error: [...SELECTOR, 'fault', 'error'],
  'lose-response': [...SELECTOR, 'fault', 'mode'],
  throttle: ['id', 'fault', 'table', 'readCUPerSecond', 'writeCUPerSecond', 'burst'],
};
const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_LATENCY_MS = 600_000;

/**
 * Checks a whole rule set (`{ seed?, rules: [...] }`) and names every bad field.
 *
 * @example
 * parseFaultConfig({ rules: [{ fault: 'error', operation: 'PutRow', error: 'OTSServerBusy', probability: 0.1 }] });
 */
export function parseFaultConfig(input: unknown): FaultConfig {
  const problems: FieldProblem[] = [];
  if (!isObject(input)) throw new FaultRuleError([{ field: '', messages: ['must be an object { seed?, rules: [...] }'] }]);
  for (const key of Object.keys(input)) if (key !== 'seed' && key !== 'rules') add(problems, key, 'is not a known field');
  if (input.seed !== undefined && !Number.isSafeInteger(input.seed)) add(problems, 'seed', 'must be an integer');
  if (!Array.isArray(input.rules)) add(problems, 'rules', 'must be an array of rules');
  const rules = Array.isArray(input.rules) ? input.rules.map((rule, i) => checkRule(rule, `rules[${i}]`, problems)) : [];
  const ids = rules.map((r) => r.id).filter((id): id is string => id !== undefined);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) add(problems, `rules[${i}].id`, `'${id}' is used by another rule`);
  });
  if (problems.length > 0) throw new FaultRuleError(problems);
  return { ...(input.seed !== undefined ? { seed: input.seed as number } : {}), rules };
}

/**
 * Checks one rule (what `POST /_admin/faults` takes).
 *
 * @example
 * parseFaultRule({ fault: 'lose-response', operation: 'UpdateRow', probability: 0.1 });
 */
export function parseFaultRule(input: unknown): FaultRule {
  const problems: FieldProblem[] = [];
  const rule = checkRule(input, '', problems);
  if (problems.length > 0) throw new FaultRuleError(problems);
  return rule;
}

function checkRule(input: unknown, at: string, problems: FieldProblem[]): FaultRule {
  const field = (name: string) => (at ? `${at}.${name}` : name);
  if (!isObject(input)) {
    add(problems, at, 'must be an object');
    return input as FaultRule;
  }
  const known = FIELDS[input.fault as string];
  if (!known) {
    add(problems, field('fault'), `must be one of ${Object.keys(FIELDS).join(', ')}`);
    return input as unknown as FaultRule;
  }
  for (const key of Object.keys(input)) if (!known.includes(key)) add(problems, field(key), 'is not a known field');
  if (input.id !== undefined && !(typeof input.id === 'string' && ID.test(input.id)))
    add(problems, field('id'), 'must be 1-64 letters, digits, dots, dashes or underscores');
  if (input.fault === 'throttle') checkThrottle(input, field, problems);
  else checkSelector(input, field, problems);
  if (input.fault === 'latency') checkLatency(input.ms, field('ms'), problems);
  if (input.fault === 'error' && !FAULT_ERROR_NAMES.includes(input.error as never))
    add(problems, field('error'), `must be one of ${FAULT_ERROR_NAMES.join(', ')}`);
  if (input.fault === 'lose-response' && input.mode !== undefined && input.mode !== 'reset' && input.mode !== 'hang')
    add(problems, field('mode'), "must be 'reset' or 'hang'");
  return input as unknown as FaultRule;
}

function checkSelector(input: Json, field: (name: string) => string, problems: FieldProblem[]): void {
  const op = input.operation;
  if (op !== undefined && op !== '*' && !(typeof op === 'string' && op in OPERATIONS))
    add(problems, field('operation'), `must be '*' or one of ${Object.keys(OPERATIONS).join(', ')}`);
  if (input.table !== undefined && !isName(input.table)) add(problems, field('table'), "must be '*' or a table name");
  const p = input.probability;
  if (p !== undefined && !(typeof p === 'number' && p >= 0 && p <= 1))
    add(problems, field('probability'), 'must be a number in 0..1');
  if (input.everyNth !== undefined && !isCount(input.everyNth)) add(problems, field('everyNth'), 'must be an integer >= 1');
  if (p !== undefined && input.everyNth !== undefined) add(problems, field('everyNth'), 'give probability or everyNth, not both');
  if (input.times !== undefined && !isCount(input.times)) add(problems, field('times'), 'must be an integer >= 1');
}

function checkThrottle(input: Json, field: (name: string) => string, problems: FieldProblem[]): void {
  if (!isName(input.table)) add(problems, field('table'), "is required: a table name or '*'");
  for (const name of ['readCUPerSecond', 'writeCUPerSecond']) {
    const v = input[name];
    if (v !== undefined && !(typeof v === 'number' && v > 0 && Number.isFinite(v)))
      add(problems, field(name), 'must be a number > 0');
  }
  if (input.readCUPerSecond === undefined && input.writeCUPerSecond === undefined)
    add(problems, field('writeCUPerSecond'), 'give readCUPerSecond, writeCUPerSecond or both');
  const burst = input.burst;
  if (burst !== undefined && !(typeof burst === 'number' && burst >= 1 && Number.isFinite(burst)))
    add(problems, field('burst'), 'must be a number >= 1');
}

function checkLatency(ms: unknown, field: string, problems: FieldProblem[]): void {
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_LATENCY_MS;
  if (ok(ms)) return;
  if (Array.isArray(ms) && ms.length === 2 && ok(ms[0]) && ok(ms[1]) && (ms[0] as number) <= (ms[1] as number)) return;
  add(problems, field, `must be ms in 0..${MAX_LATENCY_MS}, or a range [min, max]`);
}

function add(problems: FieldProblem[], field: string, message: string): void {
  const found = problems.find((p) => p.field === field);
  if (found) found.messages.push(message);
  else problems.push({ field, messages: [message] });
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;
const isName = (v: unknown) => v === '*' || (typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(v));
