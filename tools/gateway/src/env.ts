import { GatewayConfigError } from './errors.js';

/** Everything the gateway reads from the environment: this file is the only one that reads it. */
export interface GatewayEnv {
  /** `PORT`, default 8080 (API.md: the gateway listens on 127.0.0.1:8080 unless PORT says otherwise). */
  port: number;
  /** `GATEWAY_HOST`, default 127.0.0.1. */
  host: string;
  /** `NODE_ENV === 'production'`: dev secrets are refused. */
  production: boolean;
  /** `GATEWAY_CHANNELS_FILE`: a JSON file of channel apps replacing channels.dev.json. */
  channelsFile: string | undefined;
  /** `GATEWAY_CHANNELS_JSON`: the channel apps as JSON (wins over the file). */
  channelsJson: string | undefined;
  /** `GATEWAY_UPSTREAMS`: `member=http://127.0.0.1:9001,stores=http://127.0.0.1:9002`. */
  upstreams: Record<string, string>;
  /** `GATEWAY_UPSTREAM_TIMEOUT_MS`, default 30000. */
  upstreamTimeoutMs: number;
  /** `GATEWAY_LOG_DIR`: where the log store keeps its segments; default none (in memory). */
  logDir: string | undefined;
  /** `GATEWAY_LOG_MAX_BYTES`: the log store's bound; default 64 MiB on disk, 8 MiB in memory. */
  logMaxBytes: number | undefined;
  /** `GATEWAY_ALARMS_FILE`: a JSON file of alarm rules replacing alarms.dev.json. */
  alarmsFile: string | undefined;
  /** `GATEWAY_ALARMS_JSON`: the alarm rules as JSON (wins over the file). */
  alarmsJson: string | undefined;
}

const DEFAULT_PORT = 8080;
const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * Reads and validates the gateway's environment variables.
 *
 * @example
 * const env = readEnv(); // { port: 8080, host: '127.0.0.1', production: false, ... }
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return {
    port: integer(env.PORT, 'PORT', DEFAULT_PORT, 0, 65_535),
    host: nonEmpty(env.GATEWAY_HOST) ?? '127.0.0.1',
    production: env.NODE_ENV === 'production',
    channelsFile: nonEmpty(env.GATEWAY_CHANNELS_FILE),
    channelsJson: nonEmpty(env.GATEWAY_CHANNELS_JSON),
    upstreams: parseUpstreams(env.GATEWAY_UPSTREAMS ?? '', 'GATEWAY_UPSTREAMS'),
    upstreamTimeoutMs: integer(
      env.GATEWAY_UPSTREAM_TIMEOUT_MS,
      'GATEWAY_UPSTREAM_TIMEOUT_MS',
      DEFAULT_UPSTREAM_TIMEOUT_MS,
      1,
      600_000,
    ),
    logDir: nonEmpty(env.GATEWAY_LOG_DIR),
    logMaxBytes:
      nonEmpty(env.GATEWAY_LOG_MAX_BYTES) === undefined
        ? undefined
        : integer(env.GATEWAY_LOG_MAX_BYTES, 'GATEWAY_LOG_MAX_BYTES', 0, 64 * 1024, 64 * 1024 * 1024 * 1024),
    alarmsFile: nonEmpty(env.GATEWAY_ALARMS_FILE),
    alarmsJson: nonEmpty(env.GATEWAY_ALARMS_JSON),
  };
}

/** Whether NODE_ENV is production (the default of `startGateway({ production })`). */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * Parses `name=url` pairs separated by commas (the form of GATEWAY_UPSTREAMS and `--upstream`).
 *
 * @example
 * parseUpstreams('member=http://127.0.0.1:9001', '--upstream') // { member: 'http://127.0.0.1:9001' }
 */
export function parseUpstreams(text: string, source: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text.split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const url = pair.slice(eq + 1).trim();
    if (eq <= 0 || !/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new GatewayConfigError(`${source}: '${pair}' is not <function>=<url> (e.g. member=http://127.0.0.1:9001).`);
    }
    if (!URL.canParse(url) || new URL(url).protocol !== 'http:') {
      throw new GatewayConfigError(`${source}: the upstream of '${name}' must be an http:// URL, got '${url}'.`);
    }
    result[name] = url;
  }
  return result;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function integer(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (nonEmpty(value) === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new GatewayConfigError(`${name} must be an integer ${min}..${max}, got '${value}'.`);
  }
  return number;
}
