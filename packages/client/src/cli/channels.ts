import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChannelKeys } from '../signature.js';

/** Where a channel app's keys may come from; the first given wins, in this order. */
export interface ChannelsSource {
  /** A channels JSON file (`tools/gateway/channels.dev.json` has the dev apps). */
  file?: string | undefined;
  /** The same JSON as text. */
  json?: string | undefined;
  /** One app's keys (its channel is called `default`). */
  appKey?: string | undefined;
  appSecret?: string | undefined;
}

export interface LoadedChannels {
  channels: Record<string, ChannelKeys>;
  /** What they came from, for messages: `channels.dev.json`, `RETAIL_CHANNELS_JSON`, `RETAIL_APP_KEY`. */
  source: string;
}

/**
 * The channel apps' keys from a channels file `{ "<channel>": { "appKey", "appSecret", ... } }`,
 * its JSON text, or one key pair; `undefined` when none is given.
 *
 * @example
 * loadChannels({ file: 'tools/gateway/channels.dev.json' })?.channels.wechat // { appKey, appSecret }
 */
export function loadChannels(from: ChannelsSource): LoadedChannels | undefined {
  if (from.file !== undefined)
    return { channels: parse(readFileSync(from.file, 'utf8'), from.file), source: basename(from.file) };
  if (from.json !== undefined) return { channels: parse(from.json, 'RETAIL_CHANNELS_JSON'), source: 'RETAIL_CHANNELS_JSON' };
  if (from.appKey !== undefined && from.appSecret !== undefined) {
    return { channels: { default: { appKey: from.appKey, appSecret: from.appSecret } }, source: 'RETAIL_APP_KEY' };
  }
  return undefined;
}

function parse(text: string, source: string): Record<string, ChannelKeys> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error(`${source}: expected { "<channel>": { appKey, appSecret } }`);
  const channels: Record<string, ChannelKeys> = {};
  for (const [name, app] of Object.entries(input as Record<string, unknown>)) {
    const { appKey, appSecret } = (app ?? {}) as Record<string, unknown>;
    if (typeof appKey !== 'string' || typeof appSecret !== 'string')
      throw new Error(`${source}: ${name} needs a string appKey and appSecret`);
    channels[name] = { appKey, appSecret };
  }
  return channels;
}
