/**
 * The runtime flow-control API (API.md, Flow control), admin only:
 * `GET /_gateway/channels` and `PUT /_gateway/channels/{channel}/throttle` `{ rps, burst }`.
 */
import { refusal, type ProblemResponse } from './problem.js';
import type { ChannelThrottles } from './throttle.js';

/** A JSON answer of the gateway's own API. */
export interface JsonReply {
  status: number;
  body: unknown;
}

const MAX_LIMIT = 1_000_000;
const THROTTLE_FIELDS = ['rps', 'burst'] as const;
const THROTTLE_PATH = /^\/_gateway\/channels\/([^/]+)\/throttle$/;

/** Answers a request under `/_gateway/channels`; undefined when no such API exists (a 404). */
export function channelsApi(
  method: string,
  path: string,
  body: Buffer,
  throttles: ChannelThrottles,
): JsonReply | ProblemResponse | undefined {
  if (path === '/_gateway/channels' && method === 'GET') {
    return { status: 200, body: { items: throttles.list(), nextCursor: null } };
  }
  const match = THROTTLE_PATH.exec(path);
  if (!match || method !== 'PUT') return undefined;
  let channel: string;
  try {
    channel = decodeURIComponent(match[1]!);
  } catch {
    return refusal('not-found', 'No such channel app.', { message: 'Channel not found' });
  }
  if (!throttles.has(channel)) {
    return refusal('not-found', `No channel app is named '${channel}'.`, { message: 'Channel not found' });
  }
  const parsed = parseLimit(body);
  if ('status' in parsed) return parsed;
  throttles.set(channel, parsed);
  return { status: 200, body: { channel, ...parsed } };
}

/** `{ rps, burst }`, integers 1..1e6, no other property; every bad field named. */
function parseLimit(body: Buffer): { rps: number; burst: number } | ProblemResponse {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return refusal('invalid-json', 'The body is not valid JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refusal('validation-failed', 'The body must be a JSON object { "rps": integer, "burst": integer }.', {
      extensions: { errors: [{ field: '', messages: ['must be an object'] }] },
    });
  }
  const values = input as Record<string, unknown>;
  const errors: Array<{ field: string; messages: string[] }> = [];
  for (const field of THROTTLE_FIELDS) {
    const value = values[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
      errors.push({ field, messages: [`${field} must be an integer from 1 to ${MAX_LIMIT}`] });
    }
  }
  for (const field of Object.keys(values)) {
    if (!(THROTTLE_FIELDS as readonly string[]).includes(field))
      errors.push({ field, messages: [`property ${field} should not exist`] });
  }
  if (errors.length > 0) {
    return refusal('validation-failed', `Invalid ${errors.map((error) => error.field).join(', ')}.`, { extensions: { errors } });
  }
  return { rps: values.rps as number, burst: values.burst as number };
}
