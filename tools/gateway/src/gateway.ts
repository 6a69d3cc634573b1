import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertNoDevSecrets, loadChannels, type ChannelApps } from './channels.js';
import { isProduction, readEnv } from './env.js';
import { stderrLogger } from './log.js';
import { loadAlarmRules } from './alarm-rules.js';
import { createObservability, type Observability } from './observe/observability.js';
import { createGateway, type GatewayAppOptions } from './server.js';
import type { ChannelThrottles } from './throttle.js';
import type { MetricsRegistry } from './metrics.js';

/** Options of {@link startGateway}: those of the handler, plus where to listen. */
export interface GatewayOptions extends Omit<GatewayAppOptions, 'channels' | 'log'> {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Channel apps. Default: GATEWAY_CHANNELS_JSON, else GATEWAY_CHANNELS_FILE, else channels.dev.json. */
  channels?: ChannelApps;
  /** Structured JSON log lines. Default: stderr. Pass `() => {}` to silence. */
  log?: GatewayAppOptions['log'];
  /**
   * Refuse the dev secrets of channels.dev.json, and keep `/_gateway/logs`, `/series`, `/alarms`
   * and `/dashboard` admin-only. Default: NODE_ENV === 'production'.
   */
  production?: boolean;
  /**
   * Logs, series and alarms. Default: logs in GATEWAY_LOG_DIR (else memory), alarm rules from
   * GATEWAY_ALARMS_JSON, else GATEWAY_ALARMS_FILE, else alarms.dev.json.
   */
  observe?: Observability;
}

/** A running gateway. */
export interface Gateway {
  /** `http://127.0.0.1:<port>`: the base URL channel apps call. */
  url: string;
  port: number;
  /** The live flow-control state (the same that `/_gateway/channels` changes). */
  throttles: ChannelThrottles;
  metrics: MetricsRegistry;
  /** Its logs, series and alarms (the stores behind `/_gateway/logs`, `/series`, `/alarms`). */
  observe: Observability;
  /** Stops listening, closes idle connections and the upstreams it created. */
  stop(): Promise<void>;
}

/**
 * Starts the local API gateway.
 *
 * @example
 * const gateway = await startGateway({ port: 8080, upstreams: { member: 'http://127.0.0.1:9001' } });
 * // new Client(appKey, appSecret).get(`${gateway.url}/members?phone=13800000000`)
 * await gateway.stop();
 */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const log = options.log ?? stderrLogger;
  let channels = options.channels;
  let source = 'options';
  if (!channels) {
    const env = readEnv();
    ({ channels, source } = loadChannels({ json: env.channelsJson, file: env.channelsFile }));
  }
  const production = options.production ?? isProduction();
  if (production) assertNoDevSecrets(channels);
  let observe = options.observe;
  let alarmsFrom: string | undefined;
  if (!observe) {
    const env = readEnv();
    const alarms = loadAlarmRules({ json: env.alarmsJson, file: env.alarmsFile });
    alarmsFrom = alarms.source;
    observe = createObservability({
      rules: alarms.rules,
      ...(env.logDir === undefined ? {} : { logDir: env.logDir }),
      ...(env.logMaxBytes === undefined ? {} : { maxLogBytes: env.logMaxBytes }),
      ...(options.now ? { now: options.now } : {}),
    });
  }
  const app = createGateway({ ...options, channels, log, production, observe });
  const server = createServer(app.handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log({
    level: 'info',
    event: 'started',
    url,
    channels: Object.keys(channels),
    channelsFrom: source,
    ...(alarmsFrom ? { alarmsFrom } : {}),
    functions: Object.keys(options.upstreams ?? {}),
  });
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    throttles: app.throttles,
    metrics: app.metrics,
    observe,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await app.close();
        if (!options.observe) observe.close();
        log({ level: 'info', event: 'stopped', url });
      })();
      return stopping;
    },
  };
}
