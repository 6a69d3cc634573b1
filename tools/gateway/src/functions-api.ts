/**
 * Instance faults over HTTP, admin only (README, "Instance faults"):
 * `POST /_gateway/functions/{function}/kill` `{ instances: "one" | "all" }`, and
 * `GET | PUT | DELETE /_gateway/functions/{function}/faults` for the per-request kill rule.
 */
import type { JsonReply } from './channels-api.js';
import { InstanceFaults, type KillRule, type KillScope } from './instances/faults.js';
import { refusal, type ProblemResponse } from './problem.js';
import type { Upstream } from './upstream.js';

/** Paths under this prefix are this module's. */
export const FUNCTIONS_ROUTE = '/_gateway/functions';

const PATH = /^\/_gateway\/functions\/([a-z][a-z0-9-]*)\/(kill|faults)$/;
const MAX_KILL_WITHIN_MS = 60_000;

type FieldProblems = Array<{ field: string; messages: string[] }>;

/** An upstream that exposes its instances' faults: a `FunctionPool`, or a wrapper that passes them on. */
export interface FaultableUpstream extends Upstream {
  readonly faults: InstanceFaults;
}

/** Whether a path is one of this module's (so the gateway counts it under {@link FUNCTIONS_ROUTE}). */
export function isFunctionsPath(path: string): boolean {
  return path.startsWith(`${FUNCTIONS_ROUTE}/`);
}

/**
 * Answers a request under `/_gateway/functions`; undefined when no such API exists (a 404).
 *
 * @example
 * functionsApi('POST', '/_gateway/functions/trading/kill', Buffer.from('{"instances":"all"}'), upstreams)
 * // { status: 200, body: { function: 'trading', killed: ['trading-1', 'trading-2'] } }
 */
export function functionsApi(
  method: string,
  path: string,
  body: Buffer,
  upstreams: ReadonlyMap<string, Upstream>,
): JsonReply | ProblemResponse | undefined {
  const match = PATH.exec(path);
  if (!match) return undefined;
  const [, name, action] = match as unknown as [string, string, 'kill' | 'faults'];
  if (!(action === 'kill' ? method === 'POST' : ['GET', 'PUT', 'DELETE'].includes(method))) return undefined;
  const faults = instanceFaultsOf(upstreams.get(name));
  if (!faults) return refusal('not-found', `No function named '${name}' runs as instances behind this gateway.`);
  if (method === 'GET') return { status: 200, body: faults.state() };
  if (method === 'DELETE') return { status: 200, body: faults.clear() };
  const parsed = parseObject(body);
  if ('status' in parsed) return parsed;
  const input = parsed.value;
  if (action === 'kill') {
    const scope = parseScope(input);
    if (typeof scope !== 'string') return scope;
    return { status: 200, body: { function: name, killed: faults.kill(scope) } };
  }
  const rule = parseRule(input);
  return 'status' in rule ? rule : { status: 200, body: faults.set(rule) };
}

/** The faults of an upstream that has instances; undefined for a URL upstream or none. */
export function instanceFaultsOf(upstream: Upstream | undefined): InstanceFaults | undefined {
  const faults = (upstream as Partial<FaultableUpstream> | undefined)?.faults;
  return faults instanceof InstanceFaults ? faults : undefined;
}

function parseObject(body: Buffer): { value: Record<string, unknown> } | ProblemResponse {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return refusal('invalid-json', 'The body is not valid JSON.');
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return { value: input as Record<string, unknown> };
  return invalid([{ field: '', messages: ['must be an object'] }]);
}

function parseScope(input: Record<string, unknown>): KillScope | ProblemResponse {
  const errors: FieldProblems = unknownFields(input, ['instances']);
  if (input.instances !== 'one' && input.instances !== 'all')
    errors.unshift({ field: 'instances', messages: ["must be 'one' or 'all'"] });
  return errors.length > 0 ? invalid(errors) : (input.instances as KillScope);
}

function parseRule(input: Record<string, unknown>): (Pick<KillRule, 'killProbability'> & Partial<KillRule>) | ProblemResponse {
  const { killProbability, seed, killWithinMs } = input;
  const errors: FieldProblems = [];
  if (typeof killProbability !== 'number' || !(killProbability >= 0 && killProbability <= 1))
    errors.push({ field: 'killProbability', messages: ['killProbability must be a number from 0 to 1'] });
  if (seed !== undefined && !(Number.isSafeInteger(seed) && (seed as number) >= 0))
    errors.push({ field: 'seed', messages: ['seed must be a non-negative integer'] });
  if (
    killWithinMs !== undefined &&
    !(Number.isInteger(killWithinMs) && (killWithinMs as number) >= 0 && (killWithinMs as number) <= MAX_KILL_WITHIN_MS)
  )
    errors.push({ field: 'killWithinMs', messages: [`killWithinMs must be an integer from 0 to ${MAX_KILL_WITHIN_MS}`] });
  errors.push(...unknownFields(input, ['killProbability', 'seed', 'killWithinMs']));
  if (errors.length > 0) return invalid(errors);
  return {
    killProbability: killProbability as number,
    ...(seed === undefined ? {} : { seed: seed as number }),
    ...(killWithinMs === undefined ? {} : { killWithinMs: killWithinMs as number }),
  };
}

function unknownFields(input: Record<string, unknown>, known: readonly string[]): FieldProblems {
  return Object.keys(input)
    .filter((field) => !known.includes(field))
    .map((field) => ({ field, messages: [`property ${field} should not exist`] }));
}

function invalid(errors: FieldProblems): ProblemResponse {
  return refusal('validation-failed', `Invalid ${errors.map((error) => error.field || 'body').join(', ')}.`, {
    extensions: { errors },
  });
}
