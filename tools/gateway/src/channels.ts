import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ChannelConfigError, DevSecretsInProductionError } from './errors.js';

/** One channel app: its API Gateway credentials and its flow-control limit. */
export interface ChannelApp {
  /** `X-Ca-Key` of its requests. */
  appKey: string;
  /** The HMAC key of its signatures; never logged, never sent back. */
  appSecret: string;
  /** Requests per second refilled into its token bucket (integer >= 1). */
  rps: number;
  /** Token-bucket size: how many requests may arrive at once (integer >= 1). */
  burst: number;
}

/** Channel apps by channel name (`wechat`, `admin`, ...). */
export type ChannelApps = Record<string, ChannelApp>;

/** The file of public development channel apps shipped with the gateway. */
export const DEV_CHANNELS_FILE = fileURLToPath(new URL('../channels.dev.json', import.meta.url));

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const APP_KEY = /^[\x21-\x7e]{1,128}$/;
const MIN_SECRET_LENGTH = 16;
const MAX_LIMIT = 1_000_000;
const FIELDS = new Set(['appKey', 'appSecret', 'rps', 'burst']);

/**
 * Validates channel apps given as parsed JSON; throws a {@link ChannelConfigError} naming every problem.
 *
 * @example
 * parseChannels({ pos: { appKey: 'k1', appSecret: '0123456789abcdef', rps: 10, burst: 20 } }, 'test')
 */
export function parseChannels(input: unknown, source: string): ChannelApps {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ChannelConfigError(
      `${source}: channel apps must be a JSON object { "<channel>": { appKey, appSecret, rps, burst } }.`,
    );
  }
  const channels: ChannelApps = {};
  const keys = new Map<string, string>();
  for (const [name, value] of Object.entries(input)) {
    if (!NAME.test(name)) problems.push(`'${name}': a channel name is 1..32 of a-z, 0-9, '-', starting with a letter`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${name}: must be an object { appKey, appSecret, rps, burst }`);
      continue;
    }
    const app = value as Record<string, unknown>;
    for (const field of Object.keys(app)) if (!FIELDS.has(field)) problems.push(`${name}.${field}: unknown property`);
    if (typeof app.appKey !== 'string' || !APP_KEY.test(app.appKey)) {
      problems.push(`${name}.appKey: must be 1..128 printable characters without spaces`);
    } else if (keys.has(app.appKey)) {
      problems.push(`${name}.appKey: the same as ${keys.get(app.appKey)}.appKey (AppKeys are unique)`);
    } else {
      keys.set(app.appKey, name);
    }
    if (typeof app.appSecret !== 'string' || app.appSecret.length < MIN_SECRET_LENGTH) {
      problems.push(`${name}.appSecret: must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    for (const field of ['rps', 'burst'] as const) {
      const limit = app[field];
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        problems.push(`${name}.${field}: must be an integer 1..${MAX_LIMIT}`);
      }
    }
    channels[name] = app as unknown as ChannelApp;
  }
  if (Object.keys(channels).length === 0 && problems.length === 0) problems.push('no channel apps');
  if (problems.length > 0) {
    throw new ChannelConfigError(`${source}: invalid channel apps: ${problems.join('; ')}.`, problems);
  }
  return channels;
}

/** Reads and validates a channel-apps JSON file. */
export function readChannelsFile(path: string): ChannelApps {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ChannelConfigError(`Cannot read the channel apps file ${path}: ${(error as Error).message}`, [], { cause: error });
  }
  return parseChannels(parseJson(text, path), path);
}

/** The public development channel apps of `channels.dev.json`. */
export function devChannels(): ChannelApps {
  return readChannelsFile(DEV_CHANNELS_FILE);
}

/** Where the channel apps come from: JSON text (GATEWAY_CHANNELS_JSON) wins over a file (GATEWAY_CHANNELS_FILE). */
export interface ChannelSource {
  json?: string | undefined;
  file?: string | undefined;
}

/**
 * Loads the channel apps: from JSON text, else a file, else `channels.dev.json`.
 *
 * @example
 * const { channels, source } = loadChannels({ file: process.env.GATEWAY_CHANNELS_FILE });
 */
export function loadChannels(from: ChannelSource = {}): { channels: ChannelApps; source: string } {
  if (from.json !== undefined) {
    return {
      channels: parseChannels(parseJson(from.json, 'GATEWAY_CHANNELS_JSON'), 'GATEWAY_CHANNELS_JSON'),
      source: 'GATEWAY_CHANNELS_JSON',
    };
  }
  if (from.file !== undefined) return { channels: readChannelsFile(from.file), source: from.file };
  return { channels: devChannels(), source: DEV_CHANNELS_FILE };
}

/** Throws {@link DevSecretsInProductionError} when any channel app uses a secret of channels.dev.json. */
export function assertNoDevSecrets(channels: ChannelApps, dev: ChannelApps = devChannels()): void {
  const devSecrets = new Set(Object.values(dev).map((app) => app.appSecret));
  const offending = Object.entries(channels)
    .filter(([, app]) => devSecrets.has(app.appSecret))
    .map(([name]) => name);
  if (offending.length > 0) throw new DevSecretsInProductionError(offending);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ChannelConfigError(`${source}: not valid JSON (${(error as Error).message}).`, [], { cause: error });
  }
}
